package dev.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs {@code ./parley} from the tests: tokens, and stopping or starting parts of the platform. */
final class ParleyCli {

    private ParleyCli() {}

    /** A dev token for {@code tenant} with {@code roles} (comma-separated) and the workspaces ws-1, ws-2, ten minutes. */
    static String token(String tenant, String roles) throws IOException, InterruptedException {
        return token(tenant, roles, "ws-1,ws-2");
    }

    /** A dev token for {@code tenant} with {@code roles} and {@code workspaces} (comma-separated), ten minutes. */
    static String token(String tenant, String roles, String workspaces) throws IOException, InterruptedException {
        return token(tenant, "e2e-" + roles.replace(',', '-'), roles, workspaces);
    }

    /** The same for a given subject. */
    static String token(String tenant, String sub, String roles, String workspaces)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(PlatformSmokeTest.ROOT.resolve("parley").toString(), "token", "--tenant",
                tenant, "--sub", sub, "--roles", roles, "--workspaces", workspaces,
                "--ttl", "10m").directory(PlatformSmokeTest.ROOT.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(err).isZero();
        assertThat(out.split("\\.")).hasSize(3);
        return out;
    }

    /** Runs {@code ./parley args...}, its output appended to {@code .parley/logs/e2e-parley.log}; must succeed. */
    static void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(PlatformSmokeTest.ROOT.resolve("parley").toString());
        command.addAll(List.of(args));
        File log = PlatformSmokeTest.ROOT.resolve(".parley/logs/e2e-parley.log").toFile();
        Process process = new ProcessBuilder(command).directory(PlatformSmokeTest.ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
        assertThat(process.waitFor()).as("./parley %s (see %s)", String.join(" ", args), log).isZero();
    }
}
