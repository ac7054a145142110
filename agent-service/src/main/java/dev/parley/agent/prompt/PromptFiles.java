package dev.parley.agent.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one prompt file: {@code id}, {@code version}, {@code template}, {@code changelog: [{version, date, note}]}
 * and, when the template has placeholders, {@code placeholders: [name, ...]}. Anything else is an error with the
 * file's name: a field missing, unknown, of the wrong kind, or repeated; a placeholder the template uses but the file
 * does not declare (or the reverse); a changelog without an entry for the file's version.
 */
final class PromptFiles {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final Set<String> FIELDS = Set.of("id", "version", "template", "placeholders", "changelog");
    private static final Set<String> CHANGELOG_FIELDS = Set.of("version", "date", "note");
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("v\\d{1,6}(\\.\\d{1,6}){0,2}");

    /** A prompt file's name ({@code prompts/chat-system-v1.yaml}) and text. */
    record Source(String name, String text) {}

    private PromptFiles() {}

    static PromptVersion parse(Source source) {
        JsonNode root;
        try {
            root = YAML.readTree(source.text());
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            throw error(source, "not valid YAML" + where + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw error(source, "expected a mapping with id, version, template and changelog");
        }
        unknownFields(source, root, FIELDS, "");
        String id = text(source, root, "id");
        if (!ID.matcher(id).matches()) {
            throw error(source, "id '" + id + "' must be lower case letters, digits and '-', starting with a letter");
        }
        String version = version(source, root, "version");
        String template = text(source, root, "template");
        List<String> declared = declaredPlaceholders(source, root);
        List<String> used;
        try {
            used = PromptTemplate.placeholders(template);
        } catch (PromptException e) {
            throw error(source, "template: " + e.getMessage());
        }
        List<String> undeclared = used.stream().filter(name -> !declared.contains(name)).toList();
        if (!undeclared.isEmpty()) {
            throw error(source, "template uses unknown placeholder(s) " + undeclared + " (declared: " + declared
                    + ")");
        }
        List<String> unused = declared.stream().filter(name -> !used.contains(name)).toList();
        if (!unused.isEmpty()) {
            throw error(source, "placeholder(s) " + unused + " declared but not used in the template");
        }
        List<ChangelogEntry> changelog = changelog(source, root);
        if (changelog.stream().noneMatch(entry -> entry.version().equals(version))) {
            throw error(source, "changelog has no entry for version " + version);
        }
        return new PromptVersion(id, version, template, declared, changelog, sha256(template));
    }

    /** Numeric order: v2 before v10, v2 before v2.1. */
    static int compareVersions(String a, String b) {
        String[] left = a.substring(1).split("\\.");
        String[] right = b.substring(1).split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int l = i < left.length ? Integer.parseInt(left[i]) : -1;
            int r = i < right.length ? Integer.parseInt(right[i]) : -1;
            if (l != r) {
                return Integer.compare(l, r);
            }
        }
        return 0;
    }

    private static List<String> declaredPlaceholders(Source source, JsonNode root) {
        JsonNode node = root.get("placeholders");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error(source, "placeholders must be a list of names");
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || !names.add(item.asText())) {
                throw error(source, "placeholders must be a list of distinct names");
            }
        }
        return List.copyOf(names);
    }

    private static List<ChangelogEntry> changelog(Source source, JsonNode root) {
        JsonNode node = root.get("changelog");
        if (node == null || node.isNull()) {
            throw error(source, "missing field 'changelog'");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw error(source, "changelog must be a non-empty list of {version, date, note}");
        }
        List<ChangelogEntry> entries = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String where = "changelog[" + i + "].";
            if (!item.isObject()) {
                throw error(source, "changelog[" + i + "] must be a mapping {version, date, note}");
            }
            unknownFields(source, item, CHANGELOG_FIELDS, where);
            String version = version(source, item, where + "version");
            String date = text(source, item, where + "date");
            LocalDate day;
            try {
                day = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw error(source, where + "date '" + date + "' must be YYYY-MM-DD");
            }
            entries.add(new ChangelogEntry(version, day, text(source, item, where + "note")));
        }
        return entries;
    }

    private static void unknownFields(Source source, JsonNode node, Set<String> known, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw error(source, "unknown field '" + where + name + "' (expected " + known.stream().sorted()
                        .toList() + ")");
            }
        }
    }

    /** A required, non-blank scalar; {@code path} may be {@code changelog[0].note}, its last part is the field. */
    private static String text(Source source, JsonNode node, String path) {
        JsonNode value = node.get(path.substring(path.lastIndexOf('.') + 1));
        if (value == null || value.isNull()) {
            throw error(source, "missing field '" + path + "'");
        }
        if (!value.isValueNode() || value.asText().isBlank()) {
            throw error(source, "field '" + path + "' must be a non-empty text");
        }
        return value.asText();
    }

    private static String version(Source source, JsonNode node, String path) {
        String version = text(source, node, path);
        if (!VERSION.matcher(version).matches()) {
            throw error(source, "field '" + path + "' is '" + version + "': a version is v1, v2, ... (or v2.1)");
        }
        return version;
    }

    private static PromptException error(Source source, String message) {
        return new PromptException(source.name() + ": " + message);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
