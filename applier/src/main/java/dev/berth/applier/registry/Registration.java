package dev.berth.applier.registry;

import java.util.List;
import java.util.Map;

/**
 * Where a revision record was written.
 *
 * @param written     hosts that did not have the record and now do
 * @param present     hosts that already had it (same spec hash)
 * @param unreachable hosts that did not answer, with the reason; they learn the record on a later apply
 */
public record Registration(String revision, List<String> written, List<String> present,
                           Map<String, String> unreachable) {
    public Registration {
        written = List.copyOf(written);
        present = List.copyOf(present);
        unreachable = Map.copyOf(unreachable);
    }
}
