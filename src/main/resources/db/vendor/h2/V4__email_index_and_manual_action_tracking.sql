-- H2 has no index on an expression (so none on lower(email)); the embedded demo's few requests need none. PostgreSQL gets
-- dsr_request_email_lower_idx on lower(email) (db/vendor/postgresql/V4__email_index_and_manual_action_tracking.sql).

-- What tracks a manual action for the DPO (its Tasklist process): the task's completion checks this
-- action, never one a process variable names.
alter table dsr_manual_action add column tracking_id varchar(64);
create unique index dsr_manual_action_tracking_idx on dsr_manual_action (tracking_id);
