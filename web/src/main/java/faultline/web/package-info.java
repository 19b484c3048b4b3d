/**
 * The dashboard's composition root: {@link faultline.web.DashboardApp} wires the services it is given into an
 * unstarted Javalin application; nothing here knows SQL or HTML.
 */
package faultline.web;
