create sequence dsr_request_seq start with 1 increment by 1;

create table dsr_request (
  id                    bigint        not null primary key,
  reference             varchar(32)   not null unique,
  request_type          varchar(20)   not null,
  status                varchar(30)   not null,
  channel               varchar(20)   not null,
  email                 varchar(254)  not null,
  phone                 varchar(16),
  full_name             varchar(200),
  language              varchar(2)    not null,
  details               varchar(5000),
  received_at           timestamp with time zone not null,
  recorded_by           varchar(64),
  identity_verified_at  timestamp with time zone,
  clock_started_at      timestamp with time zone,
  due_date              date,
  due_at                timestamp with time zone,
  first_due_at          timestamp with time zone,
  extended              boolean       not null,
  extension_reason      varchar(1000),
  refusal_reasons       varchar(2000),
  outcome_summary       varchar(4000),
  closed_at             timestamp with time zone,
  version               bigint        not null
);
create index dsr_request_email_idx on dsr_request (email);

create table dsr_correction (
  request_id  bigint        not null references dsr_request (id),
  list_index  integer       not null,
  field_name  varchar(100)  not null,
  corrected_value varchar(1000) not null,
  primary key (request_id, list_index)
);

create table dsr_verification_token (
  id          bigint        not null primary key,
  request_id  bigint        not null references dsr_request (id),
  token_hash  varchar(64)   not null unique,
  expires_at  timestamp with time zone not null,
  used_at     timestamp with time zone
);
create sequence dsr_verification_token_seq start with 1 increment by 1;

-- Append-only evidence: the application has no update or delete path for these rows.
create table dsr_audit_event (
  id           bigint        not null primary key,
  request_id   bigint        not null references dsr_request (id),
  occurred_at  timestamp with time zone not null,
  actor        varchar(64)   not null,
  action       varchar(40)   not null,
  outcome      varchar(500)  not null,
  legal_basis  varchar(200)
);
create sequence dsr_audit_event_seq start with 1 increment by 1;
create index dsr_audit_event_request_idx on dsr_audit_event (request_id, occurred_at);

create table dsr_email_outbox (
  id              bigint        not null primary key,
  request_id      bigint,
  template        varchar(40)   not null,
  recipient       varchar(254)  not null,
  subject         varchar(300)  not null,
  body            varchar(200000),
  status          varchar(10)   not null,
  attempts        integer       not null,
  next_attempt_at timestamp with time zone not null,
  claimed_until   timestamp with time zone,
  last_error      varchar(500),
  created_at      timestamp with time zone not null,
  sent_at         timestamp with time zone
);
create sequence dsr_email_outbox_seq start with 1 increment by 1;
create index dsr_email_outbox_due_idx on dsr_email_outbox (status, next_attempt_at);

-- Deployment-wide secrets generated on first start when none is configured (shared by every node).
create table dsr_secret (
  name   varchar(40)  not null primary key,
  secret_value varchar(200) not null
);
