package io.kecs.store;

/**
 * A stored row that does not read back as its kind's type.
 *
 * @param kind the table (e.g. {@code service-deployment})
 * @param id the record's id, usually its ARN
 * @param file the database file it is in
 * @param body the stored text, kept verbatim when quarantined
 * @param problem why it could not be read
 */
public record CorruptRecord(String kind, String id, String file, String body, String problem) {}
