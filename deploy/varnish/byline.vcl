# Varnish in front of Byline (Varnish 7 with varnish-modules' xkey).
#
# Byline marks every shared page with its tags (`xkey: article:… author:… channel:… all`)
# and, on every change, sends `PURGE` with an `xkey-purge` header listing the tags the change
# drops (set BYLINE_PURGE_URLS=http://<this varnish>/ on every Byline instance). Signed-in
# readers' requests and everything but GET/HEAD go to Byline directly.
#
#   varnishd -a :80 -f /etc/varnish/byline.vcl -s malloc,256m
#
# Behind Varnish, run Byline with TRUST_PROXY=1 (or 2 with a load balancer between them).
vcl 4.1;

import xkey;

# One Byline instance, or a load balancer in front of several (deploy/nginx, deploy/haproxy).
backend byline {
  .host = "127.0.0.1";
  .port = "3000";
  .connect_timeout = 2s;
  .first_byte_timeout = 30s;
  .probe = {
    .url = "/healthz";
    .interval = 2s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
  }
}

# Who may purge: the Byline instances (add their addresses here).
acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_recv {
  if (req.method == "PURGE") {
    if (client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey-purge) {
      return (synth(400, "An xkey-purge header is required"));
    }
    set req.http.x-purged = xkey.purge(req.http.xkey-purge);
    return (synth(200, "Purged " + req.http.x-purged));
  }
  if (req.method != "GET" && req.method != "HEAD") {
    return (pass);
  }
  # A signed-in reader whose browser runs the page's scripts (byline_js) and knows it is signed
  # in (byline_signed) shares the reader pages with everyone: its own parts come from
  # /api/v1/me/page-state, which passes with its cookies. Every other signed-in request is
  # personal (Byline marks it private) and passes too.
  if (req.http.Cookie ~ "(^|;\s*)byline_session=") {
    if (!(req.http.Cookie ~ "(^|;\s*)byline_js=1(;|$)" &&
          req.http.Cookie ~ "(^|;\s*)byline_signed=1(;|$)" &&
          req.url ~ "^(/zh-hant)?(/|/hot|/authors|/accessibility|/channel/[a-z0-9-]+|/article/[a-z0-9]+(/receipt)?|/author/[a-z0-9_-]+)(\?((before|comments|page)=[^&]*&?)*)?$")) {
      return (pass);
    }
  }
  # Only the care-mode cookie changes a shared page; the others (the visitor id) are left out
  # of the lookup, so every reader of a page shares one copy.
  if (req.http.Cookie) {
    set req.http.Cookie = ";" + req.http.Cookie;
    set req.http.Cookie = regsuball(req.http.Cookie, "; +", ";");
    set req.http.Cookie = regsuball(req.http.Cookie, ";(byline_mode)=", "; \1=");
    set req.http.Cookie = regsuball(req.http.Cookie, ";[^ ][^;]*", "");
    set req.http.Cookie = regsuball(req.http.Cookie, "^[; ]+|[; ]+$", "");
    if (req.http.Cookie == "") {
      unset req.http.Cookie;
    }
  }
  return (hash);
}

sub vcl_backend_fetch {
  # A fetch after a purge: Byline reads the change behind it before answering from its own
  # cache (another Byline instance may have made it a moment ago).
  set bereq.http.Byline-Cdn-Fetch = "1";
}

sub vcl_backend_response {
  # Byline says how long a copy is fresh (s-maxage); a purge ends it sooner. While a page is
  # rendered again, or when Byline cannot answer, the previous copy is served a while longer.
  set beresp.grace = 5m;
}

sub vcl_deliver {
  # The tags are for this cache, not for readers.
  unset resp.http.xkey;
  unset resp.http.surrogate-key;
  if (obj.hits > 0) {
    set resp.http.x-cdn = "HIT";
  } else {
    set resp.http.x-cdn = "MISS";
  }
}
