package faultline.skeleton;

/** A solution marker in a reference file breaks one of the rules in {@link Skeleton}; it names the file and line. */
public final class MarkerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    MarkerException(String file, int line, String what) {
        super(file + ":" + line + " " + what + ".");
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** 1-based, as editors count. */
    public int line() {
        return line;
    }
}
