"""accounts/text.py: NFC and names compared without regard to the tone-mark placement."""

from accounts.text import name_key, nfc


def test_name_key_ignores_tone_placement():
    assert name_key("Thanh Hoá") == name_key("Thanh Hóa")
    assert name_key("Hoà Bình") == name_key("HÒA BÌNH")
    assert nfc("Ha\u0300 No\u0302\u0323i") == "Hà Nội"
