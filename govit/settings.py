"""govit settings: one module, every deployment-specific value read from the environment.

See docs/configuration.md for the variables. ``GOVIT_ENV=production`` turns on the secure
defaults and refuses to start without a real ``SECRET_KEY``.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from govit import env

# Lets classes such as ModelAdmin[Model] be subscripted at run time, as the type stubs allow.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env.string("GOVIT_VAR_DIR", str(BASE_DIR / "var")))

GOVIT_ENV = env.choice("GOVIT_ENV", "development", ("development", "production"))
PRODUCTION = GOVIT_ENV == "production"

DEBUG = env.boolean("DEBUG", default=not PRODUCTION)

_DEV_SECRET = "django-insecure-govit-development-only"  # noqa: S105 - refused in production
SECRET_KEY = env.string("SECRET_KEY", None if PRODUCTION else _DEV_SECRET)
if PRODUCTION and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY must be a random string of at least 50 characters in production."
    )

ALLOWED_HOSTS = env.string_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name this server's host names in production.")
CSRF_TRUSTED_ORIGINS = env.string_list("CSRF_TRUSTED_ORIGINS", [])

RULEBOOK_DIR = PACKAGE_DIR / "policy" / "rulebooks"
RULEBOOK_IDS = tuple(sorted(path.stem for path in RULEBOOK_DIR.glob("*.yaml")))
GOVIT_RULEBOOK = env.choice("GOVIT_RULEBOOK", "wuhan", RULEBOOK_IDS)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rules",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "govit.core",
    "govit.orgs",
    "govit.policy",
    "govit.projects",
    "govit.documents",
    "govit.systems",
    "govit.delivery",
    "govit.reviews",
    "govit.planning",
    "govit.acceptance",
    "govit.data_resources",
    "govit.security",
    "govit.evaluation",
    "govit.oversight",
    "govit.reports",
    "govit.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "govit.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "govit.orgs.middleware.SessionActivityMiddleware",
    "govit.orgs.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]
# The load benchmark (benchmarks/load.py) reads each request's query count from a response
# header; never in production.
GOVIT_QUERY_COUNT_HEADER = env.boolean("GOVIT_QUERY_COUNT_HEADER", False)
if GOVIT_QUERY_COUNT_HEADER:
    if PRODUCTION:
        raise ImproperlyConfigured("GOVIT_QUERY_COUNT_HEADER is for benchmarks, not production.")
    MIDDLEWARE.insert(0, "govit.core.middleware.QueryCountMiddleware")

ROOT_URLCONF = "govit.urls"
WSGI_APPLICATION = "govit.wsgi.application"
ASGI_APPLICATION = "govit.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "govit.web.context_processors.govit",
            ],
        },
    }
]


def _database() -> dict[str, object]:
    default_url = f"sqlite:///{VAR_DIR / 'govit.sqlite3'}"
    url = env.string("DATABASE_URL", default_url)
    try:
        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=0))
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database URL I understand: {exc}."
        ) from None
    engine = str(config.get("ENGINE", ""))
    if engine == "django.db.backends.sqlite3":
        name = str(config.get("NAME", ""))
        if name and name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        # WAL lets readers proceed while one writer writes; IMMEDIATE takes the write lock at
        # the start of a transaction, so two writers queue instead of failing half-way.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        config["TEST"] = {"NAME": None}
    elif engine == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = env.integer("DATABASE_CONN_MAX_AGE", 60, minimum=0)
        config["CONN_HEALTH_CHECKS"] = True
        # Parameters bound by the server and statements prepared once per connection (after
        # five runs): planning was a third of the database's time under load (ADR 0028). Off
        # behind a connection pooler in transaction mode, which cannot keep them.
        if env.boolean("DATABASE_PREPARED_STATEMENTS", True):
            config["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL must point at SQLite or PostgreSQL, not {engine or url!r}."
        )
    return config


DATABASES = {"default": _database()}
# SQLite has no covering indexes: it keeps the key columns of an index with INCLUDE columns
# (the open-deadlines index) and ignores the rest, which is all the embedded default needs.
SILENCED_SYSTEM_CHECKS = (
    ["models.W040"] if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else []
)


def _caches() -> dict[str, dict[str, object]]:
    """Django's cache (the home page's actions, the dashboard's figures). ``GOVIT_CACHE_URL``
    (``redis://host:6379/1``, also from ``GOVIT_CACHE_URL_FILE``) shares it between gunicorn's
    workers and servers; unset, each process keeps its own in local memory."""
    url = env.string("GOVIT_CACHE_URL", "")
    if not url:
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "GOVIT_CACHE_URL must be a Redis URL (redis://, rediss:// or unix://)."
        )
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "govit",
            # A Redis that does not answer fails the request in a second, not a worker's life.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


CACHES = _caches()
# With a shared cache, each request reads its session from it, not from the sessions table
# (written through to both; govit/orgs/session_store.py, ADR 0030). Each process's own cache
# would keep a session another worker ended: the database alone then.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.db"
    if str(CACHES["default"]["BACKEND"]).endswith("LocMemCache")
    else "govit.orgs.session_store"
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "orgs.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, keeping each request's user by table versions (orgs/backends.py).
    "govit.orgs.backends.UserBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# PBKDF2-HMAC-SM3 first (国密); Django's hashers stay to verify and upgrade older hashes.
PASSWORD_HASHERS = [
    "govit.orgs.hashers.PBKDF2SM3PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "govit.orgs.validators.CharacterClassValidator"},
    {"NAME": "govit.orgs.passwords.PasswordHistoryValidator"},
]
# Password expiry and history (等保 level 3, 身份鉴别 a): a password older than this many days
# must be changed at the next sign-in (0: never expires); the last N cannot be chosen again.
GOVIT_PASSWORD_MAX_AGE_DAYS = env.integer("GOVIT_PASSWORD_MAX_AGE_DAYS", 90, minimum=0)
GOVIT_PASSWORD_HISTORY = env.integer("GOVIT_PASSWORD_HISTORY", 5, minimum=0)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = not PRODUCTION  # serve from node_modules without collectstatic
_NODE = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    ("vendor/bootstrap", _NODE / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", _NODE / "bootstrap-icons" / "font"),
    ("vendor/htmx", _NODE / "htmx.org" / "dist"),
    ("vendor/echarts", _NODE / "echarts" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env.string("GOVIT_MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "media/"
# Uploaded documents: the largest file accepted, in MB. Larger uploads are refused with a field
# error; the web server in front should allow a little more than this.
GOVIT_UPLOAD_MAX_MB = env.integer("GOVIT_UPLOAD_MAX_MB", 50, minimum=1)
FILE_UPLOAD_PERMISSIONS = 0o640

# SM4 keys for encrypted personal fields: "id:32-hex,id:32-hex", the first encrypts (rotation).
GOVIT_SM4_KEYS = env.string("GOVIT_SM4_KEYS", "" if not PRODUCTION else None)

# How many demo systems each demo unit gets (`govit demo load`); tests use fewer.
GOVIT_DEMO_SYSTEMS_PER_UNIT = env.integer("GOVIT_DEMO_SYSTEMS_PER_UNIT", 75, minimum=1)

# Sign-in lockout (等保 level 3: login-failure handling).
GOVIT_LOCKOUT_FAILURES = env.integer("GOVIT_LOCKOUT_FAILURES", 5, minimum=1)
GOVIT_LOCKOUT_MINUTES = env.integer("GOVIT_LOCKOUT_MINUTES", 15, minimum=1)
# Two-factor sign-in (等保 level 3, 身份鉴别 d): always for the competent, finance and government
# roles and for staff; GOVIT_2FA_ROLES names more roles ("unit,drc"). GOVIT_2FA_ENFORCED=0 turns
# the gate off (tests of other apps, a local demo); production refuses that.
GOVIT_2FA_ROLES = env.string_list("GOVIT_2FA_ROLES", [])
GOVIT_2FA_ENFORCED = env.boolean("GOVIT_2FA_ENFORCED", True)
if PRODUCTION and not GOVIT_2FA_ENFORCED:
    raise ImproperlyConfigured("GOVIT_2FA_ENFORCED cannot be turned off in production.")
OTP_TOTP_ISSUER = "govit"

# The audit trail is kept at least this many months (等保 level 3, 安全审计: logs kept no less than
# six months, 网络安全法 第二十一条); govit never deletes events, and refuses a shorter setting.
GOVIT_AUDIT_RETENTION_MONTHS = env.integer("GOVIT_AUDIT_RETENTION_MONTHS", 6, minimum=6)

# `govit backup`: JSON that keeps timestamps exact (the audit chain seals them).
SERIALIZATION_MODULES = {"exactjson": "govit.core.serialization"}

# The system catalogue: a running system with at most this many visits a month for this many
# whole months is proposed as a zombie; names and purposes this similar (character-bigram Dice
# coefficient, in per cent) are proposed as shadows of each other.
GOVIT_ZOMBIE_MONTHS = env.integer("GOVIT_ZOMBIE_MONTHS", 6, minimum=1)
GOVIT_ZOMBIE_MAX_MONTHLY_VISITS = env.integer("GOVIT_ZOMBIE_MAX_MONTHLY_VISITS", 10, minimum=0)
GOVIT_SHADOW_SIMILARITY = env.integer("GOVIT_SHADOW_SIMILARITY_PERCENT", 60, minimum=1) / 100
# Duplicate-construction check: the similarity (percent) from which a match raises a warning.
GOVIT_DUPLICATE_THRESHOLD = env.integer("GOVIT_DUPLICATE_THRESHOLD", 50, minimum=1)
GOVIT_IMPORT_MAX_BYTES = env.integer("GOVIT_IMPORT_MAX_BYTES", 5 * 1024 * 1024, minimum=1024)
# Docking with the shared platforms (Gaoping 第十一条): confirmed docking records decide a system's
# docked facts; without any, the census declaration stands unless the competent department
# requires records (then a system without a confirmed record counts as not docked).
GOVIT_DOCKING_REQUIRES_RECORD = env.boolean("GOVIT_DOCKING_REQUIRES_RECORD", False)

# Printed documents (PDF) are rendered by this headless Chromium (Debian's package `chromium`).
GOVIT_PDF_BROWSER = env.string("GOVIT_PDF_BROWSER", "/usr/bin/chromium")

# Deadlines: `govit tick` reminds the people concerned this many working days before a due date.
GOVIT_REMINDER_WORKING_DAYS = env.integer("GOVIT_REMINDER_WORKING_DAYS", 5, minimum=0)
# The home page keeps each user's next actions this long at most (ADRs 0022, 0027); any audited
# change refreshes them before; 0: no cache.
GOVIT_HOME_ACTIONS_CACHE_SECONDS = env.integer("GOVIT_HOME_ACTIONS_CACHE_SECONDS", 300, minimum=0)
# The dashboard's figures, shared by scope, are recomputed once this old (ADRs 0024, 0027);
# 0: no cache.
GOVIT_DASHBOARD_CACHE_SECONDS = env.integer("GOVIT_DASHBOARD_CACHE_SECONDS", 300, minimum=0)
# Due figures are recomputed in a background thread while the visit gets the previous ones
# (ADR 0025); off, the visit that finds them due recomputes them and waits.
GOVIT_DASHBOARD_BACKGROUND = env.boolean("GOVIT_DASHBOARD_BACKGROUND", True)
# Processes for the deadlines job of ``govit tick`` (PostgreSQL only; SQLite runs it in one).
GOVIT_TICK_WORKERS = env.integer("GOVIT_TICK_WORKERS", 1, minimum=1)

# The data-resource catalogue (GB/T 43697; Gaoping's sharing practice): sub-levels of general
# data; working days for the competent department's check of a sharing request and for the
# provider's answer (data already on the platform / to be published first); how far back
# late or unfounded refusals count against a system's O&M funding.
GOVIT_DATA_GENERAL_SUBLEVELS = env.integer("GOVIT_DATA_GENERAL_SUBLEVELS", 4, minimum=0)
GOVIT_SHARING_CHECK_DAYS = env.integer("GOVIT_SHARING_CHECK_DAYS", 2, minimum=1)
GOVIT_SHARING_ANSWER_DAYS = env.integer("GOVIT_SHARING_ANSWER_DAYS", 5, minimum=1)
GOVIT_SHARING_PUBLISH_ANSWER_DAYS = env.integer("GOVIT_SHARING_PUBLISH_ANSWER_DAYS", 10, minimum=1)
GOVIT_SHARING_LOOKBACK_DAYS = env.integer("GOVIT_SHARING_LOOKBACK_DAYS", 365, minimum=1)

# Security registers: 等保 filing within days of grading (level 2 and above); months between
# assessments for level 3 and for level 4 and above; 密评 from this level on, every so many
# months; the yearly tests of a service contract (Bijie 第二十八条).
GOVIT_MLPS_FILING_DAYS = env.integer("GOVIT_MLPS_FILING_DAYS", 30, minimum=1)
GOVIT_MLPS_TEST_MONTHS = env.integer("GOVIT_MLPS_TEST_MONTHS", 12, minimum=1)
GOVIT_MLPS_TEST_MONTHS_L4 = env.integer("GOVIT_MLPS_TEST_MONTHS_L4", 6, minimum=1)
GOVIT_CRYPTO_MIN_LEVEL = env.integer("GOVIT_CRYPTO_MIN_LEVEL", 3, minimum=1)
GOVIT_CRYPTO_TEST_MONTHS = env.integer("GOVIT_CRYPTO_TEST_MONTHS", 12, minimum=1)
GOVIT_CONTRACT_TEST_MONTHS = env.integer("GOVIT_CONTRACT_TEST_MONTHS", 12, minimum=1)

# Performance evaluation: the lowest total of the grades 优, 良 and 中 (below the last is 差),
# and the days without a progress update after which oversight flags a project as stale.
GOVIT_EVALUATION_GRADE_BANDS = [
    int(v) for v in env.string_list("GOVIT_EVALUATION_GRADE_BANDS", ["90", "80", "60"])
]
GOVIT_STALE_PROGRESS_DAYS = env.integer("GOVIT_STALE_PROGRESS_DAYS", 30, minimum=1)
# The points of budget execution in the self-evaluation form (domain rules 8.3).
GOVIT_BUDGET_EXECUTION_WEIGHT = env.integer("GOVIT_BUDGET_EXECUTION_WEIGHT", 10, minimum=0)

SESSION_COOKIE_AGE = env.integer("GOVIT_SESSION_IDLE_MINUTES", 30, minimum=1) * 60
# An idle timeout, not an absolute one: govit.orgs.middleware.SessionActivityMiddleware saves
# the session (moving its expiry on) at most once a minute, not on every request (ADR 0021).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.boolean("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

EMAIL_BACKEND = env.string("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.string("DEFAULT_FROM_EMAIL", "govit@localhost")
EMAIL_HOST = env.string("EMAIL_HOST", "localhost")
EMAIL_PORT = env.integer("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env.string("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env.string("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.string("LOG_LEVEL", "WARNING")},
}

# The deployment's procurement thresholds in yuan (含本数): at or above the first a purchase goes
# through government procurement (政府采购限额标准), at or above the second public tender is
# expected (公开招标数额标准). Provinces set them; see docs/delivery.md.
GOVIT_PROCUREMENT_THRESHOLD = env.integer("GOVIT_PROCUREMENT_THRESHOLD_YUAN", 1_000_000, minimum=0)
GOVIT_PUBLIC_TENDER_THRESHOLD = env.integer(
    "GOVIT_PUBLIC_TENDER_THRESHOLD_YUAN", 2_000_000, minimum=0
)
# The OCDS ocid prefix the deployment registered (https://standard.open-contracting.org).
GOVIT_OCDS_PREFIX = env.string("GOVIT_OCDS_PREFIX", "ocds-govit")
