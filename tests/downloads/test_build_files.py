"""CMake (tree-sitter-cmake), meson and autoconf (tokenizers)."""

from __future__ import annotations

import textwrap

from mllint.downloads import buildtext, cmake


def found(source: str) -> list[tuple[str, str, str, int, bool, tuple[str, ...]]]:
    return [(f.kind, f.function, f.identifier, f.line, f.pinned, f.conditions)
            for f in cmake.analyse(textwrap.dedent(source).lstrip())]


def test_file_download_with_variables_condition_and_hash() -> None:
    assert found("""
        set(NAME "lm_sc.arpa-2022.tar.xz")
        set(URL "https://e.org/data/${NAME}")
        # file(DOWNLOAD https://e.org/comment.onnx c.onnx)
        if(DOWNLOAD_MODELS AND NOT WIN32)
          file(DOWNLOAD ${URL} ${CMAKE_BINARY_DIR}/lm.tar.xz EXPECTED_HASH SHA256=abc)
        endif()
    """) == [("cmake", "file(DOWNLOAD)", "https://e.org/data/lm_sc.arpa-2022.tar.xz", 5, True,
              ("DOWNLOAD_MODELS", "!WIN32"))]


def test_else_branch_negates_the_condition() -> None:
    assert [f.conditions for f in cmake.analyse(
        "if(USE_SYSTEM_MODEL)\n  message(ok)\nelse()\n  file(DOWNLOAD https://e.org/m.onnx m.onnx)\n"
        "endif()\n")] == [("!USE_SYSTEM_MODEL",)]


def test_fetchcontent_of_a_library_is_not_a_model() -> None:
    assert found("""
        FetchContent_Declare(googletest URL https://github.com/google/googletest/archive/v1.14.zip)
        FetchContent_Declare(font URL https://e.org/fonts/DejaVuSans-2.37.tar.bz2)
        ExternalProject_Add(w URL https://e.org/weights/yolov8n.onnx URL_HASH SHA256=00)
    """) == [("cmake", "ExternalProject_Add", "https://e.org/weights/yolov8n.onnx", 3, True, ())]


def test_project_helpers_ocv_and_fcitx() -> None:
    assert found("""
        ocv_download(FILENAME face_landmark_model.dat HASH 7505c44ca4eb54b4ab1e4777cb96ac05
                     URL "https://raw.githubusercontent.com/opencv/opencv_3rdparty/8afa57/"
                     DESTINATION_DIR d)
        fcitx5_download(lm-download https://e.org/lm_sc.arpa-1.tar.xz lm_sc.arpa-1.tar.xz
                        a11bc97d275adaf195f9bac854368ae06cdb4a0fe1eecf59db5ae580615db4fa)
    """) == [("cmake", "ocv_download",
              "https://raw.githubusercontent.com/opencv/opencv_3rdparty/8afa57/face_landmark_model.dat",
              1, True, ()),
             ("cmake", "fcitx5_download", "https://e.org/lm_sc.arpa-1.tar.xz", 4, True, ())]


def test_execute_process_runs_a_fetch_tool() -> None:
    assert found("execute_process(COMMAND wget -O model.onnx https://e.org/dl WORKING_DIRECTORY x)\n") \
        == [("shell", "wget", "https://e.org/dl", 1, False, ())]


def test_meson_run_command_and_comment() -> None:
    text = "# run_command('wget', 'https://e.org/c.onnx')\n" \
           "r = run_command('curl', '-o', 'm.onnx', 'https://e.org/m.onnx', check: true)\n"
    assert [(f.function, f.identifier, f.line) for f in buildtext.analyse_meson(text)] == [
        ("curl", "https://e.org/m.onnx", 2)]


def test_autoconf_fetch_outside_dnl_comment() -> None:
    text = "dnl wget https://e.org/c.onnx\nAS_IF([test x = y], [wget https://e.org/m.onnx])\n"
    assert [(f.function, f.identifier, f.line) for f in buildtext.analyse_autoconf(text)] == [
        ("wget", "https://e.org/m.onnx", 2)]


def test_meson_list_spanning_lines() -> None:
    text = "r = run_command('curl', '-o', 'm.onnx',\n    'https://e.org/m.onnx', check: true)\n"
    assert [(f.identifier, f.line) for f in buildtext.analyse_meson(text)] == [
        ("https://e.org/m.onnx", 1)]


def test_autoconf_guard_variables_become_conditions() -> None:
    text = ('AS_IF([test "x$enable_model_download" = xyes], [\n'
            '  wget -O nn.onnx https://e.org/nn.onnx\n])\nwget https://e.org/free.onnx\n')
    assert [(f.line, f.conditions) for f in buildtext.analyse_autoconf(text)] == [
        (2, ("enable_model_download",)), (4, ())]


def test_self_appending_variables_stay_bounded() -> None:
    # aom's docs.cmake appends to lists whose first value is unknown: set(X ${X} more).
    text = "".join(f"set(X ${{X}} item{i})\n" for i in range(60)) + \
        "file(DOWNLOAD https://e.org/m.onnx ${X})\n"
    assert [f.identifier for f in cmake.analyse(text)] == ["https://e.org/m.onnx"]
