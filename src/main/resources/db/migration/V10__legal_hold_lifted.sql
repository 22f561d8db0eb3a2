-- A legal hold can be lifted by the DPO, with a reason: the store is then erased by the deferred erasure.
-- Lifted holds stay as the record of what was held, by whom and why.
alter table dsr_legal_hold add column lifted_at timestamp with time zone;
alter table dsr_legal_hold add column lifted_by varchar(64);
alter table dsr_legal_hold add column lift_reason varchar(1000);
