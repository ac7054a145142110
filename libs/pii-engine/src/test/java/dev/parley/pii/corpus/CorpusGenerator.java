package dev.parley.pii.corpus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Generates a labeled synthetic corpus: documents of every {@link DocumentKind}, in fixed proportions, with gold spans
 * exact by construction. One seed gives one corpus: every draw, datafaker's included, comes from a single
 * {@link Random}, so a number in an accuracy report can be traced back to the documents that produced it.
 *
 * <p>Not thread-safe (one {@link Random}); generate on one thread, evaluate on as many as needed.
 */
public final class CorpusGenerator {

    /** Share of each kind, in percent: roughly what the engine sees, with negatives over-sampled for precision. */
    private static final Map<DocumentKind, Integer> MIX = new EnumMap<>(Map.of(
            DocumentKind.CLINICAL_NOTE, 22,
            DocumentKind.CLAIM_COMMENT, 18,
            DocumentKind.CHAT_MESSAGE, 18,
            DocumentKind.EMAIL_WITH_SIGNATURE, 12,
            DocumentKind.PAYMENT_NOTE, 10,
            DocumentKind.SUPPORT_TICKET, 8,
            DocumentKind.LOOK_ALIKE_NEGATIVES, 12));

    private final RandomDraws draw;
    private final Templates templates;

    public CorpusGenerator(long seed) {
        Random random = new Random(seed);
        // datafaker draws from the same Random, so its names and cities are part of the seeded sequence too
        Faker faker = new Faker(Locale.of("en", "US"), random);
        this.draw = new RandomDraws(random);
        SyntheticValues values = new SyntheticValues(draw, faker, new Checksummed(draw));
        this.templates = new Templates(draw, values, new LookAlikes(draw));
    }

    /** The next document, of a kind drawn by the corpus mix. */
    public LabeledText next() {
        int roll = draw.between(1, 100);
        for (Map.Entry<DocumentKind, Integer> share : MIX.entrySet()) {
            roll -= share.getValue();
            if (roll <= 0) {
                return next(share.getKey());
            }
        }
        throw new IllegalStateException("the corpus mix does not add up to 100");
    }

    public LabeledText next(DocumentKind kind) {
        return templates.write(kind);
    }

    /** {@code count} documents in the corpus mix. */
    public List<LabeledText> generate(int count) {
        List<LabeledText> corpus = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            corpus.add(next());
        }
        return corpus;
    }

    /** {@code count} documents of one kind. */
    public List<LabeledText> generate(int count, DocumentKind kind) {
        List<LabeledText> corpus = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            corpus.add(next(kind));
        }
        return corpus;
    }
}
