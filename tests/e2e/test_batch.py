"""Batch builds: every report in parallel processes, one failure reported without stopping the others."""

from __future__ import annotations

from helpers import synthetic
from helpers.build import batch
from helpers.params import available_years


def test_every_year_in_params_for_the_district_and_each_area():
    jobs = batch.all_jobs()
    assert len(jobs) == len(available_years()) * 6
    assert jobs[0] == batch.Job("2014-15") and jobs[1] == batch.Job("2014-15", "Bradford East")


def test_a_failing_report_is_named_and_the_others_are_built(tmp_path, capsys):
    data = tmp_path / "data"
    synthetic.write(synthetic.generate(seed=4), data, "cse")
    jobs = [batch.Job("2015-16"), batch.Job("2030-31"), batch.Job("2015-16", "Keighley")]
    outcomes = batch.build_all(
        data=str(data), out_root=tmp_path / "outputs", workers=2, sections="strategic", jobs=jobs
    )
    assert [o.job for o in outcomes] == jobs
    good, failed, area = outcomes
    assert good.folder == tmp_path / "outputs" / "2015-16" and area.folder == good.folder / "keighley"
    assert (area.folder / "report.html").is_file()
    assert failed.folder is None and "there is no params/2030-31.yaml" in failed.message
    index = (tmp_path / "outputs" / "index.html").read_text()
    assert '<a href="2015-16/report.html">' in index and '<a href="2015-16/keighley/report.html">' in index
    assert "Not built: the build failed" in index
    assert "2030/31" in index and "params/2030-31.yaml" not in index  # messages stay on the console
    # Each year is decided once, before its reports, which only read the decision.
    console = capsys.readouterr().out
    assert "Deciding what each year publishes (2015-16, 2030-31), 2 at a time" in console
    assert "2015-16: decided in" in console and "2030-31: not decided; its reports say why" in console
    for folder in (good.folder, area.folder):
        log = (folder / "build.log").read_text()
        assert "Reusing what the year publishes" in log and "Deciding what the year publishes" not in log
