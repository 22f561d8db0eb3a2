-- What an objection is about (MARKETING, PROCESSING, CONSENT); null for the other rights.
alter table dsr_request add column objection_scope varchar(20);
