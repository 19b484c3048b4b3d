package faultline.grader.submission;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds test archives entry by entry, including the hostile ones tools refuse to make. */
final class Archives {

    record Entry(String name, byte[] content, char type, String linkTarget) {
    }

    private final List<Entry> entries = new ArrayList<>();

    Archives file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    Archives file(String name, byte[] content) {
        entries.add(new Entry(name, content, 'f', ""));
        return this;
    }

    Archives symlink(String name, String target) {
        entries.add(new Entry(name, new byte[0], 's', target));
        return this;
    }

    Archives hardlink(String name, String target) {
        entries.add(new Entry(name, new byte[0], 'h', target));
        return this;
    }

    /** A tar entry of another kind: a character or block device ('3', '4') or a FIFO ('6'). */
    Archives special(String name, char tarType) {
        entries.add(new Entry(name, new byte[0], tarType, ""));
        return this;
    }

    static String source(String pkg, String cls) {
        return "// a student file\npackage " + pkg + ";\n\npublic final class " + cls + " {\n}\n";
    }

    byte[] zip() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            for (Entry e : entries) {
                ZipArchiveEntry entry = new ZipArchiveEntry(e.name());
                byte[] content = e.content();
                if (e.type() == 's') {
                    entry.setUnixMode(0120777);
                    content = e.linkTarget().getBytes(StandardCharsets.UTF_8);
                }
                zip.putArchiveEntry(entry);
                zip.write(content);
                zip.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    byte[] tarGz() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry;
                if (e.type() == 's') {
                    entry = new TarArchiveEntry(e.name(), TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(e.linkTarget());
                } else if (e.type() == 'h') {
                    entry = new TarArchiveEntry(e.name(), TarArchiveEntry.LF_LINK);
                    entry.setLinkName(e.linkTarget());
                } else if (e.type() == 'f') {
                    entry = new TarArchiveEntry(e.name(), true);
                    entry.setSize(e.content().length);
                } else {
                    entry = new TarArchiveEntry(e.name(), (byte) e.type());
                }
                tar.putArchiveEntry(entry);
                if (e.type() == 'f') {
                    tar.write(e.content());
                }
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
