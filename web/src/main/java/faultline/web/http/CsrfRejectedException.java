package faultline.web.http;

/** A form arrived without this session's CSRF token: it was not sent by a page of this dashboard. */
class CsrfRejectedException extends RuntimeException {
    CsrfRejectedException() {
        super("This form is out of date or did not come from the dashboard. Reload the page and try again.");
    }
}
