package faultline.skeleton;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The brace structure of one Java source file, found by a small lexer that skips comments, strings,
 * character literals and text blocks. It is not a parser: it tells type bodies from method bodies
 * from other blocks by the text before each opening brace, which is all that cutting regions needs.
 */
final class Blocks {

    /** What a pair of braces encloses. */
    enum Kind {
        /** A class, interface, enum or record body, or an anonymous class body. */
        TYPE,
        /** The body of a method or constructor. */
        METHOD,
        /** Any other block: a statement block, a lambda body, an initializer. */
        BLOCK
    }

    /**
     * One pair of braces. {@code name} is the type's or method's name ("" for other blocks);
     * {@code returnsValue} is true only for a method whose return type is not {@code void}.
     */
    record Block(int id, Kind kind, String name, boolean returnsValue, Optional<Block> parent) {

        /** The nearest enclosing block of {@code kind}, this one included. */
        Optional<Block> nearest(Kind wanted) {
            Optional<Block> at = Optional.of(this);
            while (at.isPresent() && at.get().kind() != wanted) {
                at = at.get().parent();
            }
            return at;
        }
    }

    private static final Pattern TYPE_HEADER =
            Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern ANONYMOUS_CLASS =
            Pattern.compile("\\bnew\\s+[\\w$.<>,?\\s]+\\([^()]*\\)\\s*$");
    private static final Pattern ANNOTATION = Pattern.compile("@[\\w$.]+(?:\\s*\\([^()]*\\))?");
    private static final Pattern NAME_BEFORE_PAREN = Pattern.compile("([A-Za-z_$][\\w$]*)\\s*$");
    private static final Set<String> MODIFIERS = Set.of("public", "protected", "private", "static", "final",
            "abstract", "synchronized", "native", "default", "strictfp");

    /** Per line (0-based): the innermost block open at the line's start, if any. */
    private final List<Optional<Block>> blockAtLineStart;
    /** Per line: whether the line holds any code (anything but whitespace and comments). */
    private final List<Boolean> codeOnLine;
    /** Per line: whether the line starts inside a block comment or a text block. */
    private final List<Boolean> startsInsideLiteralOrComment;
    /** Per block id: the 0-based line of its closing brace, or -1 if it never closes. */
    private final List<Integer> closeLine;

    private Blocks(List<Optional<Block>> blockAtLineStart, List<Boolean> codeOnLine,
            List<Boolean> startsInsideLiteralOrComment, List<Integer> closeLine) {
        this.blockAtLineStart = blockAtLineStart;
        this.codeOnLine = codeOnLine;
        this.startsInsideLiteralOrComment = startsInsideLiteralOrComment;
        this.closeLine = closeLine;
    }

    Optional<Block> atLineStart(int line) {
        return blockAtLineStart.get(line);
    }

    boolean hasCode(int line) {
        return codeOnLine.get(line);
    }

    boolean startsInsideCommentOrTextBlock(int line) {
        return startsInsideLiteralOrComment.get(line);
    }

    /** The 0-based line holding the block's closing brace, or -1 if it is never closed. */
    int closeLine(Block block) {
        return closeLine.get(block.id());
    }

    private enum State { CODE, LINE_COMMENT, BLOCK_COMMENT, STRING, CHAR, TEXT_BLOCK }

    static Blocks of(List<String> lines) {
        List<Optional<Block>> atStart = new ArrayList<>();
        List<Boolean> code = new ArrayList<>();
        List<Boolean> inside = new ArrayList<>();
        List<Integer> closes = new ArrayList<>();
        Deque<Block> open = new ArrayDeque<>();
        StringBuilder header = new StringBuilder();
        State state = State.CODE;
        for (String line : lines) {
            atStart.add(Optional.ofNullable(open.peek()));
            inside.add(state == State.BLOCK_COMMENT || state == State.TEXT_BLOCK);
            boolean hasCode = false;
            if (state == State.LINE_COMMENT) {
                state = State.CODE;
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                char next = i + 1 < line.length() ? line.charAt(i + 1) : '\0';
                switch (state) {
                    case LINE_COMMENT -> i = line.length();
                    case BLOCK_COMMENT -> {
                        if (c == '*' && next == '/') {
                            state = State.CODE;
                            i++;
                        }
                    }
                    case STRING, CHAR -> {
                        hasCode = true;
                        if (c == '\\') {
                            i++;
                        } else if ((state == State.STRING && c == '"') || (state == State.CHAR && c == '\'')) {
                            state = State.CODE;
                        }
                    }
                    case TEXT_BLOCK -> {
                        hasCode = true;
                        if (c == '\\') {
                            i++;
                        } else if (line.startsWith("\"\"\"", i)) {
                            state = State.CODE;
                            i += 2;
                        }
                    }
                    case CODE -> {
                        if (c == '/' && next == '/') {
                            state = State.LINE_COMMENT;
                            i = line.length();
                        } else if (c == '/' && next == '*') {
                            state = State.BLOCK_COMMENT;
                            i++;
                        } else if (Character.isWhitespace(c)) {
                            header.append(c);
                        } else {
                            hasCode = true;
                            if (line.startsWith("\"\"\"", i)) {
                                state = State.TEXT_BLOCK;
                                i += 2;
                                header.append("\"\"");
                            } else if (c == '"') {
                                state = State.STRING;
                                header.append("\"\"");
                            } else if (c == '\'') {
                                state = State.CHAR;
                                header.append("''");
                            } else if (c == '{') {
                                Block block = classify(closes.size(), header.toString(), Optional.ofNullable(open.peek()));
                                closes.add(-1);
                                open.push(block);
                                header.setLength(0);
                            } else if (c == '}') {
                                if (!open.isEmpty()) {
                                    closes.set(open.pop().id(), atStart.size() - 1);
                                }
                                header.setLength(0);
                            } else if (c == ';') {
                                header.setLength(0);
                            } else {
                                header.append(c);
                            }
                        }
                    }
                    default -> throw new IllegalStateException("unknown lexer state " + state);
                }
            }
            header.append('\n');
            code.add(hasCode);
        }
        return new Blocks(atStart, code, inside, closes);
    }

    private static Block classify(int id, String rawHeader, Optional<Block> parent) {
        String header = ANNOTATION.matcher(rawHeader).replaceAll(" ").strip();
        Matcher type = TYPE_HEADER.matcher(header);
        if (type.find()) {
            return new Block(id, Kind.TYPE, type.group(1), false, parent);
        }
        boolean inType = parent.map(p -> p.kind() == Kind.TYPE).orElse(false);
        if (!inType) {
            Kind kind = ANONYMOUS_CLASS.matcher(header).find() ? Kind.TYPE : Kind.BLOCK;
            return new Block(id, kind, "", false, parent);
        }
        int paren = header.indexOf('(');
        if (header.contains("=") || header.contains("->") || paren < 0) {
            return new Block(id, Kind.BLOCK, "", false, parent);
        }
        Matcher name = NAME_BEFORE_PAREN.matcher(header.substring(0, paren));
        if (!name.find()) {
            return new Block(id, Kind.BLOCK, "", false, parent);
        }
        String returnType = withoutModifiers(header.substring(0, name.start()));
        boolean returnsValue = !returnType.isEmpty() && !returnType.equals("void");
        return new Block(id, Kind.METHOD, name.group(1), returnsValue, parent);
    }

    /** What is left of a method header's prefix once modifiers and type parameters are gone: the return type. */
    private static String withoutModifiers(String prefix) {
        String rest = prefix.strip();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String modifier : MODIFIERS) {
                if (rest.startsWith(modifier) && (rest.length() == modifier.length()
                        || Character.isWhitespace(rest.charAt(modifier.length())))) {
                    rest = rest.substring(modifier.length()).strip();
                    changed = true;
                }
            }
            if (rest.startsWith("<")) {
                int depth = 0;
                for (int i = 0; i < rest.length(); i++) {
                    depth += rest.charAt(i) == '<' ? 1 : rest.charAt(i) == '>' ? -1 : 0;
                    if (depth == 0) {
                        rest = rest.substring(i + 1).strip();
                        changed = true;
                        break;
                    }
                }
            }
        }
        return rest;
    }
}
