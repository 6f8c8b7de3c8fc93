package io.aria.core.audit;

import io.aria.core.spi.AuditSink;
import io.aria.core.testkit.AuditSinkContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The JSONL sink passes the AuditSink compatibility kit, read back from its files by {@link AuditReader}. */
class JsonlAuditSinkContractTest extends AuditSinkContract {

    @Override
    protected AuditSink newSink(Path folder) {
        return JsonlAuditSink.builder(folder).build();
    }

    @Override
    protected AuditSink newSinkWithSmallBuffer(Path folder) {
        return JsonlAuditSink.builder(folder).queueCapacity(4).build();
    }

    /** The day file of the kit's records becomes a link to /dev/full: every write fails with ENOSPC. */
    @Override
    protected boolean refuseWrites(Path folder) throws Exception {
        Path full = Path.of("/dev/full");
        if (!Files.exists(full)) {
            return false;
        }
        Path dir = Files.createDirectories(folder.resolve(JsonlAuditSink.EXECUTION_DIR));
        Files.createSymbolicLink(dir.resolve("execution_audit_20240314.jsonl"), full);
        return true;
    }

    @Override
    protected List<AuditRecord> readBack(Path folder) throws Exception {
        List<AuditRecord> out = new ArrayList<>();
        for (String log : List.of(JsonlAuditSink.DECISION_DIR, JsonlAuditSink.EXECUTION_DIR)) {
            Path dir = folder.resolve(log);
            if (Files.isDirectory(dir)) {
                AuditReader.Result<AuditRecord> r = AuditReader.readFolder(dir);
                if (!r.corruptLines().isEmpty()) {
                    throw new AssertionError("corrupt lines in " + dir + ": " + r.corruptLines());
                }
                out.addAll(r.records());
            }
        }
        return out;
    }
}
