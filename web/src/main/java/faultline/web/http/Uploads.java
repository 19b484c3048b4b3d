package faultline.web.http;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Reads an upload as the archive the grader validates: one archive as is, or loose files zipped together. */
final class Uploads {

    /** The archive and the name the grader's messages will use for it. */
    record Archive(String name, byte[] bytes) {
    }

    private Uploads() {
    }

    static Archive of(List<UploadedFile> files, long limit) {
        if (files.isEmpty()) {
            throw new BadRequestResponse("Choose a .zip or .tar.gz archive, or your .java files, and submit again.");
        }
        if (files.size() == 1 && !files.get(0).filename().endsWith(".java")) {
            return new Archive(files.get(0).filename(), read(files.get(0), limit));
        }
        // Loose sources go in at the top of a zip; the grader places each by its package line.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (UploadedFile f : files) {
                String name = f.filename();
                if (name.isBlank() || name.contains("/") || name.contains("\\")) {
                    throw new BadRequestResponse("'" + name + "' is not a plain file name. Choose the .java files "
                            + "themselves and submit again.");
                }
                zip.putNextEntry(new ZipEntry(name));
                zip.write(read(f, limit));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not pack the uploaded files", e);
        }
        return new Archive(files.size() + " uploaded file(s)", out.toByteArray());
    }

    /**
     * The raw request body, read at most one byte past {@code limit}: a body without a declared length (chunked)
     * is refused as soon as it passes the limit, and the rest of it is never read.
     */
    static byte[] body(Context ctx, long limit) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new UploadTooLargeException(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the request body", e);
        }
    }

    private static byte[] read(UploadedFile f, long limit) {
        try (InputStream in = f.content()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new UploadTooLargeException(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the upload " + f.filename(), e);
        }
    }
}
