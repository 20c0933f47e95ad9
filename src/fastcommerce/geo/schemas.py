from pydantic import BaseModel


class PincodePublic(BaseModel):
    pincode: int
    name: str
    city: str
    district: str
    lat: float
    lng: float
    h3: dict[int, str]
    store_code: str | None
