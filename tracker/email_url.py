"""EMAIL_URL → Django's email settings (django-environ), with file paths taken as written.

django-environ reads `filemail:///var/mail` as the relative path `var/mail` (it drops the
URL's leading slash), so `filemail:///abs` and `filemail:////abs` both mean the absolute
directory `/abs` here; `filemail://` alone keeps the default directory.
"""

import re

import environ

FILEMAIL = "filemail://"


def email_settings(url: str) -> dict:
    """The EMAIL_* settings of one EMAIL_URL (consolemail://, filemail:///abs/path,
    smtp+tls://user:password@host:587 …)."""
    config = environ.Env.email_url_config(url)
    if url.startswith(FILEMAIL):
        path = url[len(FILEMAIL) :].split("?", 1)[0]
        if path.strip("/"):
            config["EMAIL_FILE_PATH"] = re.sub(r"^/+", "/", path)
        else:
            config.pop("EMAIL_FILE_PATH", None)
    return config
