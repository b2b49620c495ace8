/**
 * Downloads (CSV, YAML) for the Organise view. They need the SSO token, so a link cannot fetch
 * them: the file is fetched with the token and handed to the browser through an `<a download>`.
 */
import { useCallback, useState } from 'react';
import { failureOrUnknown, type Download, type OrganiserFailure } from '../../api/organiser-api.js';

export function saveDownload(download: Download): void {
  const url = URL.createObjectURL(download.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = download.fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked once the browser has started reading it.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export interface Downloads {
  /** The key of the download on its way, if any. */
  busy: string | undefined;
  failure: { key: string; failure: OrganiserFailure } | undefined;
  start(key: string, fetch: () => Promise<Download>): void;
}

export function useDownloads(): Downloads {
  const [busy, setBusy] = useState<string | undefined>();
  const [failure, setFailure] = useState<Downloads['failure']>();
  const start = useCallback((key: string, fetch: () => Promise<Download>) => {
    setBusy(key);
    setFailure(undefined);
    fetch()
      .then(
        (download) => saveDownload(download),
        (error: unknown) => setFailure({ key, failure: failureOrUnknown(error) }),
      )
      .finally(() => setBusy((current) => (current === key ? undefined : current)));
  }, []);
  return { busy, failure, start };
}
