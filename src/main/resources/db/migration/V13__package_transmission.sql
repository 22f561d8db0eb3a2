-- Portability's direct transmission (GDPR Art. 20(2)): the other controller's HTTPS address the requester gave,
-- the DPO's approval, and the outcome of sending the package there.
create table dsr_transmission (
  request_id    bigint        not null primary key references dsr_request (id),
  destination   varchar(2000) not null,
  status        varchar(12)   not null,
  decided_by    varchar(64),
  decided_at    timestamp with time zone,
  attempts      integer       not null,
  http_status   integer,
  error         varchar(1000),
  sent_at       timestamp with time zone
);
