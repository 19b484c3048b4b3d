package faultline.web.http;

/** The request body is over the dashboard's upload limit. */
class UploadTooLargeException extends RuntimeException {

    /**
     * True when {@code e} is Jetty's multipart parser stopping at its size limit (configured in {@link Routes} to
     * the upload limit). Jetty says so only in a message, wrapped in a 400 "bad multipart"; it has stopped reading
     * the body by then.
     */
    static boolean isMultipartOverLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && t.getMessage() != null
                    && (t.getMessage().startsWith("max length exceeded")
                    || t.getMessage().startsWith("max file size exceeded"))) {
                return true;
            }
        }
        return false;
    }

    UploadTooLargeException(long limit) {
        super("The upload is larger than " + (limit >> 20) + " MiB, over the limit. Submit only your lab's .java "
                + "sources.");
    }
}
