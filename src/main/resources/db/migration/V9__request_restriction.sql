-- Art. 18: a restricted request stays restricted (whatever its status) until the DPO lifts it; the
-- requester is told before the lift (restriction_lifts_at) and after it (restriction_lifted_at).
alter table dsr_request add column restricted_at timestamp with time zone;
alter table dsr_request add column restriction_lift_reason varchar(1000);
alter table dsr_request add column restriction_lifts_at timestamp with time zone;
alter table dsr_request add column restriction_lifted_at timestamp with time zone;
-- Art. 21(1): the compelling legitimate grounds the DPO recorded against an objection, as sent to the requester.
alter table dsr_request add column objection_grounds varchar(2000);
