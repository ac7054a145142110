package dev.parley.audit.service;

import dev.parley.audit.domain.AuditRecord;
import dev.parley.audit.domain.Checkpoint;
import dev.parley.audit.domain.CheckpointSigner;
import dev.parley.audit.domain.HashChain;
import dev.parley.audit.domain.VerifyReport;
import dev.parley.audit.repository.AuditReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Recomputes a tenant's chain over a range from the stored columns: every sequence number present, every
 * {@code prev_hash} equal to the previous row's hash, every hash equal to SHA-256 of its predecessor and the
 * rebuilt event, every checkpoint's MAC valid and its hash equal to the row's. The first failure is reported.
 */
@ApplicationScoped
public class ChainVerifier {

    private final AuditReader reader;
    private final CheckpointSigner signer;

    public ChainVerifier(AuditReader reader, CheckpointSigner signer) {
        this.reader = reader;
        this.signer = signer;
    }

    /** Verifies the records recorded in {@code [from, to)}; both bounds optional (the whole chain). */
    public VerifyReport verify(String tenantHash, Instant from, Instant to) throws SQLException, IOException {
        Optional<long[]> range = reader.seqRange(tenantHash, from, to);
        if (range.isEmpty()) {
            return new VerifyReport(true, 0, 0, 0, 0, null);
        }
        long fromSeq = range.get()[0];
        long toSeq = range.get()[1];
        if (from == null && to == null) {
            Optional<Checkpoint> head = reader.head(tenantHash);
            // the head remembers the length of the chain: rows deleted from its end show up here
            if (head.isPresent() && head.get().seq() > toSeq) {
                return new VerifyReport(false, fromSeq, head.get().seq(), 0, 0,
                        new VerifyReport.BrokenLink(toSeq + 1, null, "record missing: the chain head is at seq "
                                + head.get().seq()));
            }
        }
        String expectedPrev = HashChain.GENESIS;
        if (fromSeq > 1) {
            Optional<String> previous = reader.hashAt(tenantHash, fromSeq - 1);
            if (previous.isEmpty()) {
                return new VerifyReport(false, fromSeq, toSeq, 0, 0,
                        new VerifyReport.BrokenLink(fromSeq - 1, null, "record missing"));
            }
            expectedPrev = previous.get();
        }
        TreeMap<Long, Checkpoint> checkpoints = reader.checkpoints(tenantHash, fromSeq, toSeq);
        Walk walk = new Walk(fromSeq, expectedPrev, checkpoints);
        try {
            reader.streamChain(tenantHash, fromSeq, toSeq, walk::step);
        } catch (Broken broken) {
            return new VerifyReport(false, fromSeq, toSeq, walk.checked, walk.checkpointsChecked, broken.link);
        }
        if (walk.expectedSeq <= toSeq) {
            return new VerifyReport(false, fromSeq, toSeq, walk.checked, walk.checkpointsChecked,
                    new VerifyReport.BrokenLink(walk.expectedSeq, null, "record missing"));
        }
        return new VerifyReport(true, fromSeq, toSeq, walk.checked, walk.checkpointsChecked, null);
    }

    private final class Walk {
        long expectedSeq;
        String expectedPrev;
        final Map<Long, Checkpoint> checkpoints;
        long checked;
        long checkpointsChecked;

        Walk(long fromSeq, String expectedPrev, Map<Long, Checkpoint> checkpoints) {
            this.expectedSeq = fromSeq;
            this.expectedPrev = expectedPrev;
            this.checkpoints = checkpoints;
        }

        void step(AuditRecord row) {
            if (row.seq() != expectedSeq) {
                throw new Broken(expectedSeq, null, "record missing");
            }
            if (!row.prevHash().equals(expectedPrev)) {
                throw new Broken(row.seq(), row.eventId(), "prev_hash does not match the previous record's hash");
            }
            String recomputed;
            try {
                recomputed = HashChain.link(row.prevHash(), row.toEvent());
            } catch (IllegalArgumentException e) {
                throw new Broken(row.seq(), row.eventId(), "content is not a valid audit event");
            }
            if (!recomputed.equals(row.hash())) {
                throw new Broken(row.seq(), row.eventId(), "content does not match its hash");
            }
            Checkpoint checkpoint = checkpoints.get(row.seq());
            if (checkpoint != null) {
                if (!signer.verify(checkpoint.kid(), checkpoint.tenantHash(), checkpoint.seq(), checkpoint.hash(),
                        checkpoint.mac())) {
                    throw new Broken(row.seq(), row.eventId(), "checkpoint signature is invalid");
                }
                if (!checkpoint.hash().equals(row.hash())) {
                    throw new Broken(row.seq(), row.eventId(), "record differs from its signed checkpoint");
                }
                checkpointsChecked++;
            }
            checked++;
            expectedPrev = row.hash();
            expectedSeq++;
        }
    }

    /** Unwinds the row stream at the first broken link. */
    private static final class Broken extends RuntimeException {
        final VerifyReport.BrokenLink link;

        Broken(long seq, java.util.UUID eventId, String reason) {
            super(reason, null, false, false);
            this.link = new VerifyReport.BrokenLink(seq, eventId, reason);
        }
    }
}
