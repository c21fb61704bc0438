"""OpenVINO reader: IR v11 and v10 XML heads and tails, XML look-alikes, hostile XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from mllint.formats import CorruptModelError, identify
from mllint.formats import openvino
from mllint.formats.base import HEAD_SIZE
from builders import openvino_xml

RT_INFO_V11 = """\t<rt_info>
\t\t<MO_version value="2023.0.0-10926-b4452d56304-releases/2023/0"/>
\t\t<Runtime_version value="2023.0.0"/>
\t\t<conversion_parameters>
\t\t\t<framework value="onnx"/>
\t\t\t<input_model value="DIR/resnet50.onnx"/>
\t\t</conversion_parameters>
\t</rt_info>
"""
META_V10 = """\t<meta_data>
\t\t<MO_version value="2021.4.1"/>
\t\t<cli_parameters>
\t\t\t<input_model value="DIR/frozen.pb"/>
\t\t\t<framework value="tf"/>
\t\t</cli_parameters>
\t</meta_data>
"""


def _read(path: Path):
    data = path.read_bytes()
    return openvino.read(path, data[:HEAD_SIZE], len(data))


def test_openvino_v11_reads_rt_info_conversion_parameters(tmp_path: Path) -> None:
    path = tmp_path / "resnet.xml"
    path.write_bytes(openvino_xml(11, RT_INFO_V11))
    assert identify(path.read_bytes()[:HEAD_SIZE], path.stat().st_size, path.name).id == \
        "openvino"
    info = _read(path)
    assert info.extra == {"name": "resnet", "ir_version": 11, "framework": "onnx",
                          "input_model": "DIR/resnet50.onnx"}
    assert info.parts == ("resnet.bin",)
    assert info.provenance.producer == [
        "OpenVINO Model Optimizer 2023.0.0-10926-b4452d56304-releases/2023/0"]
    assert "fused_names" not in str(info.metadata)  # layer-level rt_info is not the model's


def test_openvino_v10_reads_meta_data_far_from_the_head(tmp_path: Path) -> None:
    path = tmp_path / "m.xml"
    path.write_bytes(openvino_xml(10, META_V10, padding=100_000))
    info = _read(path)
    assert (info.extra["framework"], info.extra["input_model"]) == ("tf", "DIR/frozen.pb")
    assert info.metadata["MO_version"] == "2021.4.1"


@pytest.mark.parametrize("data", [
    b'<?xml version="1.0"?>\n<svg version="1.1" xmlns="http://www.w3.org/2000/svg"></svg>',
    b'<?xml version="1.0"?>\n<network version="2"><layers/></network>',
    b'<?xml version="1.0"?>\n<project><net version="3"><layers/></net></project>',
    b"<net>no version</net><layers>",
    b"",
])
def test_openvino_xml_look_alikes_are_not_identified(data: bytes) -> None:
    assert not openvino.sniff(data[:HEAD_SIZE], len(data), "model.xml")


def test_openvino_entity_bomb_in_rt_info_is_corrupt_not_expanded(tmp_path: Path) -> None:
    bomb = ('<rt_info><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><MO_version value="&a;"/>'
            "</rt_info>\n")
    path = tmp_path / "m.xml"
    path.write_bytes(openvino_xml(11, bomb))
    with pytest.raises(CorruptModelError, match="not well-formed"):
        _read(path)


def test_openvino_malformed_net_tag_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "m.xml"
    path.write_bytes(b'<net name="a" version="11" name="b"><layers>')
    with pytest.raises(CorruptModelError, match="<net> tag"):
        _read(path)
