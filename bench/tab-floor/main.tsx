// The floor for the tab's bundle size: the least a Fluent UI v9 page can ship (a provider and a button).
import { createRoot } from 'react-dom/client';
import { Button, FluentProvider, teamsLightTheme } from '@fluentui/react-components';

createRoot(document.getElementById('root')!).render(
  <FluentProvider theme={teamsLightTheme}>
    <Button appearance="primary">Floor</Button>
  </FluentProvider>,
);
