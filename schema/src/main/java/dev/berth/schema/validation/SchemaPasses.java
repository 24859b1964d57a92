package dev.berth.schema.validation;

/**
 * Stack documents that passed the JSON Schema check as they were: no finding, no field taken out,
 * no value repaired. For such a document the check is a pure function of its bytes, so a run that
 * meets the same bytes again may skip it, and with it the schema's compilation.
 */
public interface SchemaPasses {
    /** Remembers nothing: every document is checked. */
    SchemaPasses NONE = new SchemaPasses() {
        @Override
        public boolean passed(byte[] document) {
            return false;
        }

        @Override
        public void remember(byte[] document) {
        }
    };

    /** @param document the document as canonical JSON bytes */
    boolean passed(byte[] document);

    void remember(byte[] document);
}
