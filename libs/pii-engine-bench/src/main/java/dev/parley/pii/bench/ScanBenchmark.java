package dev.parley.pii.bench;

import dev.parley.pii.Finding;
import dev.parley.pii.PiiDetector;
import dev.parley.pii.Policy;
import dev.parley.pii.Sensitivity;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Moderate-level scans on one thread: a 1 MB mixed clinical-style document (throughput: divide 1 MB by the
 * average time) and a 1 KB chat message (latency percentiles with {@code -bm sample}).
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class ScanBenchmark {

    private static final String[] PIECES = {
        "Patient: Maria Gonzalez, DOB 03/14/1962, MRN 44817265, seen by Dr. Alan Park on March 14th, 2024. ",
        "BP 128/82, HbA1c 7.2%, LDL 104 mg/dL. CPT 99214, ICD-10 E11.9, Z79.4. Continue metformin 500 mg BID. ",
        "Member ID W123456789, NPI 1245319599, claim billed $1,234.56 for date of service 2024-02-03. ",
        "Call her at (415) 555-0134 or email maria.gonzalez@example.org; address 1420 Valencia St, Apt 3, ",
        "San Francisco, CA 94110. Order 4471-22 shipped; lab panel 3 of 4 complete; follow up in 2 weeks. ",
        "Card on file 4111 1111 1111 1111, routing 021000021, account no. 000123456789, IBAN DE89370400440532013000. ",
        "The 92-year-old was admitted 14 Mar 2024 and discharged on 2024-03-18 after an uneventful course. "
    };

    private PiiDetector moderate;
    private String document;
    private String message;

    @Setup
    public void setUp() {
        moderate = new PiiDetector(Policy.of(Sensitivity.MODERATE));
        Random random = new Random(7);
        StringBuilder text = new StringBuilder(1 << 20);
        while (text.length() < (1 << 20)) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        document = text.substring(0, 1 << 20);
        StringBuilder chat = new StringBuilder();
        while (chat.length() < 1024) {
            chat.append(PIECES[random.nextInt(PIECES.length)]);
        }
        message = chat.substring(0, 1024);
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Finding> scanOneMegabyte() {
        // a fresh copy each time: the engine caches the tokens of the last text it saw on a thread (by identity)
        return moderate.detect(new String(document));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Finding> scanChatMessage() {
        return moderate.detect(new String(message));
    }
}
