from alembic import context
from sqlalchemy import create_engine, pool

from fastcommerce.db import database_url
from fastcommerce.migrate import target_metadata

url = context.config.get_main_option("sqlalchemy.url") or database_url()
connectable = create_engine(url, poolclass=pool.NullPool)
with connectable.connect() as connection:
    context.configure(connection=connection, target_metadata=target_metadata(), compare_type=True)
    with context.begin_transaction():
        context.run_migrations()
