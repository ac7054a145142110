package dev.parley.agent.prompt;

import dev.parley.agent.config.PromptsConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Every prompt version of {@code prompts/*.yaml}, loaded and checked when the service starts (a bad file, a repeated
 * id and version, or weights that do not fit stop the start with a message naming the file or property), rendered
 * with {@code {{name}}} values, and chosen per conversation by A/B weights.
 *
 * <p>{@link #choose} puts a conversation in a bucket by a stable hash (SHA-256 of the prompt id and the conversation
 * id), so every turn of a conversation gets the same version, across restarts and replicas. Buckets are cut by the
 * versions' weights in version order: moving weight from v1 to v2 moves only conversations from v1 to v2.
 *
 * <p>The files are found next to {@code prompts/README.md} on the class path (a directory in development and tests,
 * the application jar in production), or in a directory given to {@link #fromDirectory}.
 */
@Startup
@ApplicationScoped
public class PromptRegistry {

    private static final Logger LOG = Logger.getLogger(PromptRegistry.class);

    static final String DIRECTORY = "prompts";
    /** A file that is always next to the prompts: how the directory is found in a jar as well as on disk. */
    static final String ANCHOR = DIRECTORY + "/README.md";
    private static final int MAX_WEIGHT = 100_000;

    /** By id, in id order; each id's versions in version order. */
    private final Map<String, List<PromptVersion>> prompts;
    /** By id, the weight of each version in version order (0 for versions the configuration leaves out). */
    private final Map<String, Map<String, Integer>> weights;
    private final List<PromptListing> listing;

    @Inject
    public PromptRegistry(PromptsConfig config) {
        this(readClasspath(PromptRegistry.class.getClassLoader()), weightsOf(config));
        LOG.infof("Loaded prompts: %s", summary());
    }

    /**
     * @param weights by prompt id, then version; ids not named get their highest version at 100
     */
    PromptRegistry(List<PromptFiles.Source> files, Map<String, Map<String, Integer>> weights) {
        this.prompts = load(files);
        this.weights = resolveWeights(prompts, weights);
        this.listing = listing(prompts, this.weights);
    }

    /** The prompts of a directory's {@code *.yaml} files, with these weights (by prompt id, then version). */
    public static PromptRegistry fromDirectory(Path directory, Map<String, Map<String, Integer>> weights) {
        return new PromptRegistry(readDirectory(directory), weights);
    }

    /** The prompts the service ships ({@code prompts/*.yaml} on the class path), with these weights. */
    public static PromptRegistry fromClasspath(Map<String, Map<String, Integer>> weights) {
        return new PromptRegistry(readClasspath(PromptRegistry.class.getClassLoader()), weights);
    }

    /** One version of a prompt. */
    public PromptVersion get(String id, String version) {
        for (PromptVersion candidate : versions(id)) {
            if (candidate.version().equals(version)) {
                return candidate;
            }
        }
        throw new PromptException("no prompt " + id + "@" + version);
    }

    /** A prompt's versions, oldest first. */
    public List<PromptVersion> versions(String id) {
        List<PromptVersion> versions = prompts.get(id);
        if (versions == null) {
            throw new PromptException("no prompt " + id);
        }
        return versions;
    }

    /**
     * The template of {@code id@version} with its placeholders replaced by {@code values}.
     *
     * @throws PromptException for an unknown prompt or version, a placeholder without a (non-null) value, or a
     *     value for a name the template does not have
     */
    public String render(String id, String version, Map<String, String> values) {
        return render(get(id, version), values);
    }

    /** {@link #render(String, String, Map)} for a version already chosen. */
    public String render(PromptVersion prompt, Map<String, String> values) {
        String mismatch = PromptTemplate.mismatch(prompt.placeholders(), values);
        if (mismatch != null) {
            throw new PromptException(prompt.ref() + ": " + mismatch);
        }
        return PromptTemplate.render(prompt.template(), values);
    }

    /** The version of {@code promptId} this conversation uses, the same on every turn. */
    public PromptVersion choose(String promptId, UUID conversationId) {
        Objects.requireNonNull(conversationId, "conversationId");
        List<PromptVersion> versions = versions(promptId);
        Map<String, Integer> split = weights.get(promptId);
        long total = split.values().stream().mapToLong(Integer::longValue).sum();
        long bucket = Long.remainderUnsigned(bucketHash(promptId, conversationId), total);
        long upTo = 0;
        for (PromptVersion version : versions) {
            upTo += split.get(version.version());
            if (bucket < upTo) {
                return version;
            }
        }
        throw new IllegalStateException("weights of " + promptId + " do not add up");
    }

    /** The weight of each version of a prompt, in version order. */
    public Map<String, Integer> weights(String promptId) {
        versions(promptId);
        return weights.get(promptId);
    }

    /** Every prompt, by id: versions, weights and the versions in use, for {@code GET /v1/prompts}. */
    public List<PromptListing> list() {
        return listing;
    }

    /** The first 8 bytes of SHA-256(prompt id, 0, conversation id): stable across JVMs, releases and replicas. */
    static long bucketHash(String promptId, UUID conversationId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(promptId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(ByteBuffer.allocate(16).putLong(conversationId.getMostSignificantBits())
                    .putLong(conversationId.getLeastSignificantBits()).array());
            return ByteBuffer.wrap(sha.digest(), 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Map<String, Integer>> weightsOf(PromptsConfig config) {
        Map<String, Map<String, Integer>> weights = new TreeMap<>();
        config.prompts().forEach((id, prompt) -> weights.put(id, prompt.weights()));
        return weights;
    }

    private static Map<String, List<PromptVersion>> load(List<PromptFiles.Source> files) {
        Map<String, List<PromptVersion>> byId = new TreeMap<>();
        Map<String, String> fileOf = new LinkedHashMap<>();
        for (PromptFiles.Source file : files) {
            PromptVersion prompt = PromptFiles.parse(file);
            String earlier = fileOf.putIfAbsent(prompt.ref(), file.name());
            if (earlier != null) {
                throw new PromptException(file.name() + ": " + prompt.ref() + " is already defined by " + earlier);
            }
            byId.computeIfAbsent(prompt.id(), id -> new ArrayList<>()).add(prompt);
        }
        if (byId.isEmpty()) {
            throw new PromptException("no prompt files (" + DIRECTORY + "/*.yaml) found");
        }
        Map<String, List<PromptVersion>> sorted = new TreeMap<>();
        byId.forEach((id, versions) -> {
            versions.sort((a, b) -> PromptFiles.compareVersions(a.version(), b.version()));
            sorted.put(id, List.copyOf(versions));
        });
        return Collections.unmodifiableMap(sorted);
    }

    private static Map<String, Map<String, Integer>> resolveWeights(Map<String, List<PromptVersion>> prompts,
            Map<String, Map<String, Integer>> configured) {
        for (Map.Entry<String, Map<String, Integer>> entry : configured.entrySet()) {
            String id = entry.getKey();
            String property = "parley.agent.prompts.\"" + id + "\".weights";
            List<PromptVersion> versions = prompts.get(id);
            if (versions == null) {
                throw new PromptException(property + ": there is no prompt " + id + " (prompts: " + prompts.keySet()
                        + ")");
            }
            List<String> known = versions.stream().map(PromptVersion::version).toList();
            long total = 0;
            for (Map.Entry<String, Integer> weight : entry.getValue().entrySet()) {
                if (!known.contains(weight.getKey())) {
                    throw new PromptException(property + "." + weight.getKey() + ": " + id + " has no version "
                            + weight.getKey() + " (versions: " + known + ")");
                }
                if (weight.getValue() == null || weight.getValue() < 0 || weight.getValue() > MAX_WEIGHT) {
                    throw new PromptException(property + "." + weight.getKey() + ": a weight is 0 to " + MAX_WEIGHT);
                }
                total += weight.getValue();
            }
            if (total == 0) {
                throw new PromptException(property + ": at least one version needs a weight above 0");
            }
        }
        Map<String, Map<String, Integer>> resolved = new TreeMap<>();
        prompts.forEach((id, versions) -> {
            Map<String, Integer> split = new LinkedHashMap<>();
            Map<String, Integer> given = configured.get(id);
            for (PromptVersion version : versions) {
                split.put(version.version(), given == null
                        ? (version == versions.getLast() ? 100 : 0)
                        : given.getOrDefault(version.version(), 0));
            }
            resolved.put(id, Collections.unmodifiableMap(split));
        });
        return Collections.unmodifiableMap(resolved);
    }

    private static List<PromptListing> listing(Map<String, List<PromptVersion>> prompts,
            Map<String, Map<String, Integer>> weights) {
        List<PromptListing> listing = new ArrayList<>();
        prompts.forEach((id, versions) -> {
            Map<String, Integer> split = weights.get(id);
            listing.add(new PromptListing(id,
                    versions.stream().map(v -> new PromptListing.VersionInfo(v.version(), v.changelog(),
                            v.placeholders(), v.sha256())).toList(),
                    split,
                    split.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).toList()));
        });
        return List.copyOf(listing);
    }

    private String summary() {
        StringBuilder text = new StringBuilder();
        weights.forEach((id, split) -> text.append(text.isEmpty() ? "" : ", ").append(id).append(' ').append(split));
        return text.toString();
    }

    private static List<PromptFiles.Source> readDirectory(Path directory) {
        try (Stream<Path> paths = Files.list(directory)) {
            List<Path> files = paths.filter(p -> p.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(p))
                    .sorted().toList();
            List<PromptFiles.Source> sources = new ArrayList<>();
            for (Path file : files) {
                sources.add(new PromptFiles.Source(DIRECTORY + "/" + file.getFileName(),
                        Files.readString(file, StandardCharsets.UTF_8)));
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the prompts in " + directory, e);
        }
    }

    /** The {@code *.yaml} files next to {@link #ANCHOR}: in a directory ({@code file:}) or a jar ({@code jar:}). */
    static List<PromptFiles.Source> readClasspath(ClassLoader loader) {
        URL anchor = loader.getResource(ANCHOR);
        if (anchor == null) {
            throw new PromptException(ANCHOR + " is not on the class path: the prompts are missing from the build");
        }
        try {
            return switch (anchor.getProtocol()) {
                case "file" -> readDirectory(Path.of(anchor.toURI()).getParent());
                case "jar" -> readJar(anchor);
                default -> throw new PromptException("cannot list " + DIRECTORY + " at " + anchor);
            };
        } catch (URISyntaxException e) {
            throw new PromptException("cannot list " + DIRECTORY + " at " + anchor + ": " + e.getMessage());
        }
    }

    private static List<PromptFiles.Source> readJar(URL anchor) throws URISyntaxException {
        String spec = anchor.toString();
        int separator = spec.indexOf("!/");
        if (separator < 0) {
            throw new PromptException("cannot list " + DIRECTORY + " at " + anchor);
        }
        Path jarPath = Path.of(new URI(spec.substring("jar:".length(), separator)));
        String prefix = DIRECTORY + "/";
        List<PromptFiles.Source> sources = new ArrayList<>();
        try (JarFile jar = new JarFile(jarPath.toFile())) {
            List<JarEntry> entries = new ArrayList<>();
            for (Enumeration<JarEntry> all = jar.entries(); all.hasMoreElements(); ) {
                JarEntry entry = all.nextElement();
                String name = entry.getName();
                if (name.startsWith(prefix) && name.endsWith(".yaml") && name.indexOf('/', prefix.length()) < 0) {
                    entries.add(entry);
                }
            }
            entries.sort((a, b) -> a.getName().compareTo(b.getName()));
            for (JarEntry entry : entries) {
                try (InputStream in = jar.getInputStream(entry)) {
                    sources.add(new PromptFiles.Source(entry.getName(),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the prompts in " + jarPath, e);
        }
        return sources;
    }
}
