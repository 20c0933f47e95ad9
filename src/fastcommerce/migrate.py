"""Alembic migrations, run from code (CLI, demo, tests) or from `alembic` with the repo's alembic.ini."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import MetaData

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def target_metadata() -> MetaData:
    """The metadata of every domain's tables."""
    from fastcommerce.auth import models as _auth  # noqa: F401
    from fastcommerce.catalog import models as _catalog  # noqa: F401
    from fastcommerce.db import Base
    from fastcommerce.demand import models as _demand  # noqa: F401
    from fastcommerce.forecasting import models as _forecasting  # noqa: F401
    from fastcommerce.geo import models as _geo  # noqa: F401
    from fastcommerce.imports import models as _imports  # noqa: F401
    from fastcommerce.inventory import models as _inventory  # noqa: F401
    from fastcommerce.orders import models as _orders  # noqa: F401
    from fastcommerce.replenishment import models as _replenishment  # noqa: F401
    from fastcommerce.simulation import models as _simulation  # noqa: F401
    from fastcommerce.stores import models as _stores  # noqa: F401

    return Base.metadata


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.set_main_option("file_template", "%%(year)d_%%(month).2d_%%(day).2d-%%(rev)s_%%(slug)s")
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)
