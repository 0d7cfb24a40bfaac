"""The lab works: the Jupyter server `hub-report lab` starts runs a section notebook, driven through the server's
own REST and websocket API as JupyterLab drives it, and the notebook shows the figures the build publishes.

The notebook runs as an analyst runs it by hand: no hand-over file from a build, so `Section.open` computes the
whole year's publication in the kernel itself.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from helpers import cli, paths
from helpers.build.run import build
from helpers.display.section import FIGURES_MIME, PUBLICATION_ENV
from helpers.params import resolve

YEAR = "2015-16"
NOTEBOOK = "01_strategic.ipynb"
SERVER_START_SECONDS = 120
CELL_SECONDS = 600  # the first code cell computes the whole year's publication, on a machine shared with other work
KERNEL_CHECK = 2  # the cell after the injected parameters
NEEDED = ("jupyterlab", "jupyter_server", "ipykernel", "tornado")


def synthetic_data() -> Path:
    folder = paths.project_root() / "data" / "synthetic"
    if not (folder / "episodes.csv").is_file():
        pytest.fail(f"no synthetic extracts in {folder}: run `make data` (or `py scripts\\dev.py data`)")
    return folder


def require_jupyter() -> None:
    """A missing package is a broken environment, not a reason to skip: say what to install."""
    missing = [package for package in NEEDED if importlib.util.find_spec(package) is None]
    if missing:
        pytest.fail(
            f"the lab cannot start: {', '.join(missing)} not installed in {sys.executable}; install the "
            "locked environment with `make data` (pip install --no-deps -r requirements.lock -e .)"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def lab_command(port: int) -> tuple[list[str], Path]:
    """The command and folder `hub-report lab --port PORT --no-browser` runs, taken from the verb itself so that
    this test follows it. `cli._run` rather than `cli.main`, which would reconfigure the package's logging."""
    started = []

    class Finished:
        returncode = 0

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli.subprocess, "run", lambda command, cwd: started.append((command, cwd)) or Finished())
        assert cli._run(cli.parse_args(["lab", "--port", str(port), "--no-browser"])) == 0
    return started[0]


class Lab:
    """A client of a running Jupyter server: REST calls with the token, and code run on a kernel over its
    websocket (Jupyter messaging protocol v5)."""

    def __init__(self, port: int, token: str, server: subprocess.Popen, log: Path) -> None:
        self.base, self.token, self.server, self.log = f"127.0.0.1:{port}", token, server, log
        self.session = uuid.uuid4().hex

    def server_output(self) -> str:
        return self.log.read_text(errors="replace")[-6000:]

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        request = urllib.request.Request(
            f"http://{self.base}{path}",
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                text = response.read()
        except urllib.error.HTTPError as error:
            pytest.fail(
                f"{method} {path} answered {error.code}: {error.read().decode(errors='replace')}\n"
                f"The server's stderr:\n{self.server_output()}"
            )
        return json.loads(text) if text else {}

    def wait_until_up(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                pytest.fail(
                    f"the Jupyter server exited with code {self.server.returncode} before answering "
                    f"/api/status. Its stderr:\n{self.server_output()}"
                )
            try:
                self.call("GET", "/api/status")
                return
            except (urllib.error.URLError, ConnectionError):  # not listening yet
                time.sleep(0.5)
        pytest.fail(
            f"the Jupyter server did not answer GET /api/status within {seconds:.0f} s. "
            f"Its stderr:\n{self.server_output()}"
        )

    def run(self, kernel_id: str, cells: list[tuple[str, str]]) -> list[dict]:
        """Run the cells in order on the kernel; the outputs of each, as the notebook would hold them."""
        return asyncio.run(self._run(kernel_id, cells))

    async def _run(self, kernel_id: str, cells: list[tuple[str, str]]) -> list[dict]:
        from tornado.websocket import websocket_connect

        url = f"ws://{self.base}/api/kernels/{kernel_id}/channels?token={self.token}&session_id={self.session}"
        channel = await websocket_connect(url)
        try:
            outputs = []
            for name, code in cells:
                try:
                    outputs.append(await asyncio.wait_for(self._execute(channel, name, code), CELL_SECONDS))
                except TimeoutError:
                    pytest.fail(
                        f"cell {name} of {NOTEBOOK} did not finish within {CELL_SECONDS} s. "
                        f"The server's stderr:\n{self.server_output()}"
                    )
            return outputs
        finally:
            channel.close()

    async def _execute(self, channel, name: str, code: str) -> list[dict]:
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": "execute_request",
            "session": self.session,
            "username": "test",
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "version": "5.3",
        }
        await channel.write_message(
            json.dumps(
                {
                    "channel": "shell",
                    "header": header,
                    "parent_header": {},
                    "metadata": {},
                    "buffers": [],
                    "content": {
                        "code": code,
                        "silent": False,
                        "store_history": True,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                }
            )
        )
        outputs = []
        # The kernel's status and other clients' messages share the channel; only this request's iopub counts,
        # and it is finished when the kernel goes idle for it.
        while True:
            text = await channel.read_message()
            if text is None:
                pytest.fail(
                    f"the kernel's websocket closed while running cell {name}. The server's stderr:\n"
                    f"{self.server_output()}"
                )
            message = json.loads(text)
            if message.get("channel") != "iopub" or message["parent_header"].get("msg_id") != msg_id:
                continue
            kind, content = message["header"]["msg_type"], message["content"]
            if kind == "error":
                traceback = re.sub(r"\x1b\[[0-9;]*m", "", "\n".join(content["traceback"]))
                pytest.fail(f"cell {name} of {NOTEBOOK} failed in the lab's kernel:\n{traceback}")
            if kind in ("display_data", "execute_result", "stream"):
                outputs.append({"output_type": kind, **content})
            if kind == "status" and content["execution_state"] == "idle":
                return outputs


@pytest.fixture
def lab(tmp_path):
    require_jupyter()
    port, token = free_port(), secrets.token_hex(16)
    command, cwd = lab_command(port)
    assert Path(command[0]) == Path(sys.executable)
    assert f"--notebook-dir={paths.notebooks_dir()}" in command
    env = {name: value for name, value in os.environ.items() if name != PUBLICATION_ENV}
    # A personal Jupyter configuration (a password, another address) must not decide whether the test runs,
    # and the server's runtime files belong with the test.
    env.update(JUPYTER_CONFIG_DIR=str(tmp_path / "config"), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    # Headless on this machine only, with our token, on exactly the port chosen; CI containers run as root,
    # which the server refuses without --allow-root.
    headless = ["--ip=127.0.0.1", f"--IdentityProvider.token={token}", "--ServerApp.port_retries=0"]
    headless += ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    log = tmp_path / "server.stderr"
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [*command, *headless], cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr
        )
    try:
        client = Lab(port, token, server, log)
        client.wait_until_up(SERVER_START_SECONDS)
        yield client
    finally:
        # SIGTERM lets the server shut its kernels down; a server that hangs is killed.
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def notebook_cells(notebook: dict, data_dir: Path) -> list[tuple[str, str]]:
    """The code cells as JupyterLab holds them, with the year's values assigned after the parameters cell, as
    papermill injects them."""
    code = [
        (cell.get("id", str(n)), cell["source"])
        for n, cell in enumerate(notebook["cells"])
        if cell["cell_type"] == "code"
    ]
    first = notebook["cells"][0]
    assert first["cell_type"] == "code"
    assert "parameters" in first["metadata"].get("tags", [])
    # Every parameter, as the build passes them: the parameters cell holds another year's dates.
    values = resolve(YEAR, overrides={"data_dir": str(data_dir)}).to_mapping()
    injected = "".join(f"{name} = {value!r}\n" for name, value in values.items())
    # Which Python the kernel runs: "python3" is a name, and only the project's environment has the package.
    kernel = "import sys\nprint(sys.executable)"
    cells = [code[0], ("injected-parameters", injected), ("kernel", kernel), *code[1:]]
    assert cells[KERNEL_CHECK][0] == "kernel"
    return cells


def shown_figures(outputs: list[list[dict]]) -> dict:
    """Every figure the notebook displayed under the suite's figures MIME type, as the build collects them."""
    figures = {}
    for cell in outputs:
        for output in cell:
            figures.update(output.get("data", {}).get(FIGURES_MIME, {}).get("figures", {}))
    return figures


def test_a_notebook_run_in_the_lab_shows_the_figures_of_the_build(lab, tmp_path):
    data_dir = synthetic_data()
    session = lab.call(
        "POST", "/api/sessions", {"path": NOTEBOOK, "name": NOTEBOOK, "type": "notebook", "kernel": {"name": "python3"}}
    )
    notebook = lab.call("GET", f"/api/contents/{NOTEBOOK}")
    assert notebook["type"] == "notebook"
    assert notebook["content"]["metadata"]["kernelspec"]["name"] == "python3"
    outputs = lab.run(session["kernel"]["id"], notebook_cells(notebook["content"], data_dir))

    kernel_python = "".join(o["text"] for o in outputs[KERNEL_CHECK] if o["output_type"] == "stream").strip()
    assert Path(kernel_python) == Path(sys.executable), "the lab's python3 kernel is not the project's Python"
    in_lab = shown_figures(outputs)
    assert in_lab, f"{NOTEBOOK} displayed no {FIGURES_MIME} output in the lab"

    folder = build(resolve(YEAR, overrides={"data_dir": str(data_dir)}), tmp_path / "outputs", only=["strategic"])
    built = {k: v for k, v in json.loads((folder / "figures.json").read_text()).items() if k.startswith("strategic.")}
    assert sorted(in_lab) == sorted(built)
    differ = {key: (in_lab[key], built[key]) for key in built if in_lab[key] != built[key]}
    assert not differ, f"figures shown in the lab differ from the build's figures.json (lab, build): {differ}"
