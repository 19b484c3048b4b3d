package faultline.web;

import faultline.web.http.Routes;
import io.javalin.Javalin;

/** Builds the dashboard: an unstarted Javalin with every route, filter and error mapping, over given services. */
public final class DashboardApp {

    private DashboardApp() {
    }

    public static Javalin create(Dashboard services) {
        return Javalin.create(config -> Routes.configure(config, services));
    }
}
