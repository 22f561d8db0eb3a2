-- The pipeline's own data: a closed request's requester data is removed after the evidence period
-- (request/RequestAnonymisation); the evidence trail keeps what was done, not who it was for.
alter table dsr_request add column anonymised_at timestamp with time zone;
