package faultline.web.http;

/** The request body is over the dashboard's upload limit. */
class UploadTooLargeException extends RuntimeException {
    UploadTooLargeException(long limit) {
        super("The upload is larger than " + (limit >> 20) + " MiB, over the limit. Submit only your lab's .java "
                + "sources.");
    }
}
