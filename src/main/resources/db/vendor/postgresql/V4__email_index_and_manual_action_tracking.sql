-- The DPO's search and the earlier-requests lookup compare lower(email): an index on that expression.
create index dsr_request_email_lower_idx on dsr_request (lower(email));

-- What tracks a manual action for the DPO (its Tasklist process): the task's completion checks this
-- action, never one a process variable names.
alter table dsr_manual_action add column tracking_id varchar(64);
create unique index dsr_manual_action_tracking_idx on dsr_manual_action (tracking_id);
