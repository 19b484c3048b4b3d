package faultline.web;

/**
 * How requests reach the dashboard, which decides when its cookies are marked Secure and which address a
 * request comes from.
 *
 * @param secureCookies always mark cookies Secure, whatever the request says: for a server that is only ever
 *                      reached over HTTPS through a proxy that does not send X-Forwarded-Proto
 * @param trustProxy    the dashboard sits behind a reverse proxy of the operator's: its X-Forwarded-Proto says
 *                      whether the browser used HTTPS, and the last address of its X-Forwarded-For is the
 *                      client's. Never set when clients can reach the dashboard directly, since they could then
 *                      claim any address.
 */
public record Transport(boolean secureCookies, boolean trustProxy) {

    /** Reached directly: cookies are Secure exactly when the request came over HTTPS. */
    public static final Transport DIRECT = new Transport(false, false);
}
