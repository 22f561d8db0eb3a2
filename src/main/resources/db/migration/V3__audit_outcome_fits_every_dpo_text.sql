-- The DPO's texts (refusal reasons up to 2,000 characters, extension reason and notes up to 1,000,
-- outcome summary up to 4,000) go into the evidence trail with a prefix: 500 characters stalled
-- such requests. varchar(10000) is valid on PostgreSQL and H2 alike.
alter table dsr_audit_event alter column outcome set data type varchar(10000);
