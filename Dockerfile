# One image for web (gunicorn), worker and beat. It installs the runtime lock only
# (requirements.lock: no test, lint or browser tools, tests/core/test_packaging.py checks it),
# and .dockerignore keeps secrets (.env), local state (var/), .venv, .git and tests out.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=tracker.settings.production \
    TRACKER_VAR_DIR=/srv/var

WORKDIR /srv/app
COPY requirements.lock .
RUN pip install --require-hashes -r requirements.lock \
    && useradd --system --uid 1000 --home /srv tracker \
    && mkdir -p /srv/var/uploads /srv/var/static \
    && chown -R tracker /srv/var
COPY --chown=tracker . .
# collectstatic and compilemessages (Babel: the .mo files are not committed) need settings that
# import; the real secrets arrive at run time.
RUN DJANGO_SECRET_KEY=build-only DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 REDIS_URL=redis://build.invalid:6379/0 \
    sh -c "python manage.py collectstatic --noinput && python manage.py compilemessages"
USER tracker
EXPOSE 8000
CMD ["gunicorn", "tracker.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "180", "--access-logfile", "-"]
