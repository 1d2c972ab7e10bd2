/**
 * The tables of routing's durable side (store/routingJournal.ts), the same SQL on both backends: the lease's
 * epochs, the open requests' records, and how far the journal (`routing_log`) has been applied.
 */
export const routingJournalSchema = `
create table routing_epochs (lease text primary key, epoch bigint not null);
create table routing_records (visitor text primary key, record text not null);
create table routing_state (lease text primary key, applied bigint not null, engagements integer not null);
`;
