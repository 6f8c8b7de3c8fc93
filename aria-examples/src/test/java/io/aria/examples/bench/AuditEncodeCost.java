package io.aria.examples.bench;

import io.aria.core.audit.AuditEncodeCostProbe;

/**
 * Development measurement: CPU ns per record of the audit encoder alone on the pipeline's own
 * records (the audit part's stream). Run from the module folder after {@code mvn package -DskipTests}:
 * {@code java -cp target/test-classes:target/aria-examples.jar io.aria.examples.bench.AuditEncodeCost}.
 */
public final class AuditEncodeCost {

    private AuditEncodeCost() {
    }

    public static void main(String[] args) {
        AuditPart.Stream s = AuditPart.cycle(AuditPart.capture(3_000_000), 60_000);
        for (int i = 0; i < 3; i++) {
            System.out.printf("encoder CPU per record: %.0f ns%n", AuditEncodeCostProbe.nsPerRecord(s.records(), 20));
        }
    }
}
