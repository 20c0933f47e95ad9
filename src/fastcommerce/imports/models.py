from datetime import datetime

from sqlalchemy import Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from fastcommerce.db import Base, utcnow


class ImportBatch(Base):
    """A file imported once: the same content again is recognised by its sha256 and skipped."""

    __tablename__ = "import_batch"
    __table_args__ = (UniqueConstraint("kind", "sha256"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    rows: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
