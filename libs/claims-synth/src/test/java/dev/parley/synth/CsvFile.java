package dev.parley.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A generated CSV file read back with a plain RFC 4180 parser written for the tests. */
record CsvFile(List<String> header, List<List<String>> rows) {

    static CsvFile read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static CsvFile parse(String text) {
        if (!text.endsWith("\n")) {
            throw new AssertionError("file does not end with a line end");
        }
        var records = new ArrayList<List<String>>();
        var record = new ArrayList<String>();
        var cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty()) {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else if (c == '\r') {
                throw new AssertionError("carriage return outside quotes at " + i);
            } else {
                cell.append(c);
            }
        }
        return new CsvFile(records.getFirst(), records.subList(1, records.size()));
    }

    int column(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new AssertionError("no column " + name);
        }
        return index;
    }
}
