-- 015_add_cases_list_indexes.sql
-- Why: the public list (lib/store/lists.c) pages through published cases
-- newest first, with optional field, agency, unit and date filters, and
-- counts them up to a cap. Without these keys each request sorted every
-- published case (seconds at 1M cases). cases_public holds every column the
-- list filters on, in (published_at, id) order, so a page and its capped
-- count are one backward, index-only range scan; cases_public_field serves
-- the most used filter (field) without skipping other fields' entries.
-- One ALTER: both keys are built in one pass over the table.
ALTER TABLE cases
  ADD KEY cases_public (published_at, id, state, confidential, secret,
    field_id, lead_org_id, admin_unit_id, received_at),
  ADD KEY cases_public_field (field_id, published_at, id, state,
    confidential, secret, lead_org_id, admin_unit_id, received_at);
