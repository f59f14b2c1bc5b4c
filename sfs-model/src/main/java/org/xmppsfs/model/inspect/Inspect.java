package org.xmppsfs.model.inspect;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.xmppsfs.model.Violation;
import org.xmppsfs.model.json.JsonWriter;
import org.xmppsfs.model.json.ModelJson;
import org.xmppsfs.model.validate.SpecValidator;
import org.xmppsfs.model.xml.Parsed;
import org.xmppsfs.model.xml.SfsParseException;
import org.xmppsfs.model.xml.SfsReader;
import org.xmppsfs.model.xml.XmlElement;

/**
 * {@code inspect [file|-]}: reads a {@code <message>} stanza or a single element (file-sharing, sources,
 * attach-to, file, url-data, jinglepub, encrypted), prints the parsed model and every rule violation as JSON.
 *
 * <p>Exit status: 0 when no MUST-level rule is broken (SHOULD-level findings are still listed), 1 when at
 * least one is, 2 when the input cannot be read at all (malformed or hostile XML, missing required attributes,
 * bad Base64…), 3 for usage or I/O errors.
 */
public final class Inspect {

    public static final int OK = 0;
    public static final int VIOLATIONS = 1;
    public static final int UNPARSEABLE = 2;
    public static final int USAGE = 3;

    private Inspect() {
    }

    public static void main(String[] args) {
        System.exit(main(args, System.in, System.out, System.err));
    }

    /** {@link #main} without the exit, for callers and tests. */
    public static int main(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.length > 1 || (args.length == 1 && (args[0].equals("-h") || args[0].equals("--help")))) {
            err.println("usage: inspect [file|-]   (reads standard input when no file or '-' is given)");
            return USAGE;
        }
        if (args.length == 0 || args[0].equals("-")) {
            return run(stdin, out, err);
        }
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            return run(in, out, err);
        } catch (NoSuchFileException e) {
            err.println("inspect: no such file: " + args[0]);
            return USAGE;
        } catch (IOException e) {
            err.println("inspect: cannot read " + args[0] + ": " + e.getMessage());
            return USAGE;
        }
    }

    public static int run(InputStream in, PrintStream out, PrintStream err) {
        SfsReader reader = SfsReader.lenient();
        JsonWriter json = new JsonWriter();
        Parsed<Object> parsed;
        XmlElement tree;
        try {
            tree = reader.tree(in);
            parsed = reader.any(tree);
        } catch (SfsParseException e) {
            json.beginObject().name("error").beginObject()
                    .field("element", e.element())
                    .field("reason", e.reason());
            e.violation().ifPresent(v -> json.field("rule", v.citation()));
            json.endObject().endObject();
            out.println(json);
            err.println("inspect: unparseable: " + e.getMessage());
            return UNPARSEABLE;
        }
        List<Violation> violations = SpecValidator.check(parsed).violations();
        json.beginObject().field("element", tree.name()).field("namespace", tree.namespace()).name("model");
        ModelJson.write(json, parsed.value());
        json.name("violations");
        ModelJson.violations(json, violations);
        json.endObject();
        out.println(json);
        boolean broken = violations.stream().anyMatch(v -> v.level() == Violation.Level.MUST);
        if (broken) {
            err.println("inspect: " + violations.stream().filter(v -> v.level() == Violation.Level.MUST).count()
                    + " MUST-level violation(s)");
        }
        return broken ? VIOLATIONS : OK;
    }
}
