package io.gilder.scanner.qualys;

/**
 * One Qualys API v2 operation, named in every error message so a person knows which call failed.
 *
 * @param method {@code GET} or {@code POST}
 * @param path   resource path under the API server, ending in '/'
 * @param action value of the {@code action} parameter
 */
record QualysCall(String method, String path, String action) {

    static final QualysCall ADD_IP = new QualysCall("POST", "/api/2.0/fo/asset/ip/", "add");
    static final QualysCall LAUNCH_SCAN = new QualysCall("POST", "/api/2.0/fo/scan/", "launch");
    static final QualysCall LIST_SCANS = new QualysCall("GET", "/api/2.0/fo/scan/", "list");
    static final QualysCall CANCEL_SCAN = new QualysCall("POST", "/api/2.0/fo/scan/", "cancel");
    static final QualysCall DELETE_SCAN = new QualysCall("POST", "/api/2.0/fo/scan/", "delete");
    static final QualysCall FETCH_SCAN = new QualysCall("GET", "/api/2.0/fo/scan/", "fetch");

    /** e.g. {@code Qualys POST /api/2.0/fo/scan/?action=launch} */
    @Override
    public String toString() {
        return "Qualys " + method + " " + path + "?action=" + action;
    }
}
