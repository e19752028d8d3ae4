"""Geographic reference data: Dutch municipalities, their names and postcodes."""

from bot.geo.municipalities import (
    DATA_DIR,
    Municipality,
    MunicipalityRegistry,
    default_registry,
    normalise_name,
    normalise_postcode,
)

__all__ = [
    "DATA_DIR",
    "Municipality",
    "MunicipalityRegistry",
    "default_registry",
    "normalise_name",
    "normalise_postcode",
]
