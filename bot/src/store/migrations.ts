/**
 * The schema, as an ordered list of migrations. Append only: a migration that has run
 * anywhere is never edited. Each runs in its own transaction, recorded in schema_migrations.
 */
export interface Migration {
  id: string;
  sql: string;
}

export const migrations: Migration[] = [
  {
    id: '001-catalog',
    sql: `
      create table campaigns (
        id text primary key,
        title text not null,
        aliases text[] not null default '{}',
        starts_on date not null,
        ends_on date not null,
        kh_group_name text,
        kh_group_url text,
        withdrawn_at timestamptz,
        updated_at timestamptz not null default now()
      );
      create table sessions (
        id text primary key,
        campaign_id text references campaigns(id),
        title text not null,
        starts_at timestamptz not null,
        ends_at timestamptz not null,
        presenters jsonb not null default '[]',
        description text,
        topics text[] not null default '{}',
        capacity integer check (capacity is null or capacity >= 0),
        join_url text,
        withdrawn_at timestamptz,
        updated_at timestamptz not null default now(),
        check (ends_at > starts_at)
      );
      create index sessions_starts_at on sessions (starts_at);
      create table recordings (
        id text primary key,
        session_id text references sessions(id),
        title text not null,
        url text not null,
        posted_on date not null,
        duration_seconds integer,
        sample boolean not null default false,
        withdrawn_at timestamptz,
        updated_at timestamptz not null default now()
      );
      create index recordings_posted_on on recordings (posted_on desc);
    `,
  },
];
