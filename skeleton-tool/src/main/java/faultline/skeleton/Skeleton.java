package faultline.skeleton;

import faultline.skeleton.Blocks.Block;
import faultline.skeleton.Blocks.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes the student's version of one reference source file by cutting out its solution regions.
 *
 * <p>The rules, which lab authors write the reference against:
 * <ol>
 *   <li>A region is the lines from a {@code // SOLUTION BEGIN} line to the next {@code // SOLUTION END}
 *       line. Each marker stands alone on its line (indentation aside). {@code // SOLUTION BEGIN: some
 *       hint} carries "some hint" into the TODO that replaces the region.</li>
 *   <li>A region inside a method or constructor body becomes {@code // TODO: <hint>} (default hint:
 *       "implement Class.method"). If the region ends a method that returns a value (only blank lines
 *       and comments follow it before the method's closing brace), a
 *       {@code throw new UnsupportedOperationException("TODO: implement Class.method");} follows the
 *       TODO so the skeleton compiles and fails loudly; void methods and constructors get nothing.</li>
 *   <li>A region in a class body (fields, helper methods) becomes {@code // TODO: <hint>} with the
 *       default hint "the state this node needs".</li>
 *   <li>A region outside any type (whole helper types) becomes {@code // TODO: <hint>} with the default
 *       hint "any types of your own that this lab needs".</li>
 *   <li>A region inside any other block (a loop, a lambda, an initializer) becomes the TODO alone.</li>
 *   <li>A file without regions is copied byte for byte: message records, timers and helpers the
 *       skeleton keeps as they are.</li>
 * </ol>
 * These are errors that name the file and line, and no skeleton is written: a region inside another
 * region; an END without a BEGIN; a BEGIN never ended; a region that does not close every brace it
 * opens (or closes one it did not open); any other line mentioning {@code SOLUTION BEGIN} or
 * {@code SOLUTION END} (a marker after code, say), since it would leak the solution silently.
 * Whether the cut code leaves the rest compiling (a final field assigned only inside a region, a
 * region ending a lambda that returns a value) is for the author to keep right: the student-skeleton
 * build compiles every generated file.
 */
public final class Skeleton {

    private static final Pattern MARKER = Pattern.compile("^//\\s*SOLUTION\\s+(BEGIN|END)\\b(.*)$");
    private static final Pattern HINT = Pattern.compile("^\\s*:\\s*(.*?)\\s*$");

    private Skeleton() {
    }

    /** Whether {@code source} has any solution region, so that it would be changed by {@link #cut}. */
    public static boolean hasRegions(String source) {
        return source.contains("SOLUTION BEGIN") || source.contains("SOLUTION END");
    }

    /**
     * The skeleton of {@code source}. {@code fileName} (a path relative to the source root) only names
     * the file in errors. A source without regions comes back unchanged.
     *
     * @throws MarkerException if the regions break a rule in the class comment
     */
    public static String cut(String fileName, String source) {
        if (!hasRegions(source)) {
            return source;
        }
        List<String> lines = List.of(source.split("\n", -1));
        Blocks blocks = Blocks.of(lines);
        List<Region> regions = regions(fileName, lines, blocks);
        List<String> out = new ArrayList<>();
        int next = 0;
        for (Region region : regions) {
            out.addAll(lines.subList(next, region.begin()));
            out.addAll(replacement(fileName, region, lines, blocks));
            next = region.end() + 1;
        }
        out.addAll(lines.subList(next, lines.size()));
        return String.join("\n", out);
    }

    /** A region: its 0-based BEGIN and END lines and the hint, if the BEGIN line gave one. */
    private record Region(int begin, int end, Optional<String> hint) {
    }

    private static List<Region> regions(String fileName, List<String> lines, Blocks blocks) {
        List<Region> regions = new ArrayList<>();
        int openAt = -1;
        Optional<String> hint = Optional.empty();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            boolean mentions = text.contains("SOLUTION BEGIN") || text.contains("SOLUTION END");
            if (!mentions) {
                continue;
            }
            Matcher marker = MARKER.matcher(text);
            if (blocks.startsInsideCommentOrTextBlock(i) || !marker.matches()) {
                throw new MarkerException(fileName, i + 1, "mentions a solution marker but is not one."
                        + " A marker is a line of its own: \"// SOLUTION BEGIN\", \"// SOLUTION BEGIN: hint\""
                        + " or \"// SOLUTION END\"");
            }
            String rest = marker.group(2);
            if (marker.group(1).equals("BEGIN")) {
                if (openAt >= 0) {
                    throw new MarkerException(fileName, i + 1, "begins a solution region inside the region"
                            + " begun at line " + (openAt + 1) + ". Regions do not nest: end the first one"
                            + " before beginning another");
                }
                Matcher given = HINT.matcher(rest);
                if (!rest.isBlank() && !given.matches()) {
                    throw new MarkerException(fileName, i + 1, "has text after SOLUTION BEGIN that is not a hint."
                            + " Write a hint after a colon: \"// SOLUTION BEGIN: what to do here\"");
                }
                hint = rest.isBlank() || given.group(1).isEmpty() ? Optional.empty() : Optional.of(given.group(1));
                openAt = i;
            } else {
                if (openAt < 0) {
                    throw new MarkerException(fileName, i + 1, "ends a solution region that was never begun."
                            + " Add a \"// SOLUTION BEGIN\" line above it or remove it");
                }
                if (!rest.isBlank()) {
                    throw new MarkerException(fileName, i + 1, "has text after SOLUTION END; hints go on the"
                            + " BEGIN line");
                }
                if (!blocks.atLineStart(openAt).equals(blocks.atLineStart(i))) {
                    throw new MarkerException(fileName, openAt + 1, "begins a solution region (ended at line "
                            + (i + 1) + ") that does not close every brace it opens, or closes one it did not"
                            + " open. Move the markers so the region holds whole statements or declarations");
                }
                regions.add(new Region(openAt, i, hint));
                openAt = -1;
            }
        }
        if (openAt >= 0) {
            throw new MarkerException(fileName, openAt + 1, "begins a solution region that is never ended."
                    + " Add a \"// SOLUTION END\" line after the solution code");
        }
        return regions;
    }

    private static List<String> replacement(String fileName, Region region, List<String> lines, Blocks blocks) {
        String beginLine = lines.get(region.begin());
        String indent = beginLine.substring(0, beginLine.length() - beginLine.stripLeading().length());
        Optional<Block> enclosing = blocks.atLineStart(region.begin());
        if (enclosing.isEmpty()) {
            return List.of(indent + "// TODO: " + region.hint().orElse("any types of your own that this lab needs"));
        }
        Block block = enclosing.get();
        String typeName = block.nearest(Kind.TYPE).map(Block::name).orElse("");
        return switch (block.kind()) {
            case TYPE -> List.of(indent + "// TODO: " + region.hint().orElse("the state this node needs"));
            case BLOCK -> List.of(indent + "// TODO: " + region.hint().orElse(block.nearest(Kind.METHOD)
                    .map(m -> "implement this part of " + qualified(typeName, m))
                    .orElse("implement this part")));
            case METHOD -> {
                String todo = indent + "// TODO: " + region.hint().orElse("implement " + qualified(typeName, block));
                if (block.returnsValue() && endsMethod(fileName, region, block, lines, blocks)) {
                    yield List.of(todo, indent + "throw new UnsupportedOperationException(\"TODO: implement "
                            + qualified(typeName, block) + "\");");
                }
                yield List.of(todo);
            }
        };
    }

    private static String qualified(String typeName, Block method) {
        return typeName.equals(method.name()) ? "the " + typeName + " constructor" : typeName + "." + method.name();
    }

    /** Only blank lines and comments stand between the region's END and the method's closing brace. */
    private static boolean endsMethod(String fileName, Region region, Block method, List<String> lines, Blocks blocks) {
        int close = blocks.closeLine(method);
        if (close < 0) {
            throw new MarkerException(fileName, region.begin() + 1, "is inside method " + method.name()
                    + " whose body never closes. Fix the braces of the reference first");
        }
        for (int i = region.end() + 1; i < close; i++) {
            if (blocks.hasCode(i)) {
                return false;
            }
        }
        return lines.get(close).strip().startsWith("}");
    }
}
