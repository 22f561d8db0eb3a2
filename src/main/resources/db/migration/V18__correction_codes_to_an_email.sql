-- A rectification's new email is proven like a new identity by a one-time code emailed to it, kept with the phone
-- codes: the column holds the address the code was sent to (an E.164 phone or an email address).
alter table dsr_phone_code alter column phone type varchar(320);
