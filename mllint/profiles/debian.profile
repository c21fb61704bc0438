# The default profile: current Debian practice. Report, don't rule (ml-policy.md §2.4):
# every tag keeps the severity of its tag file.
Profile: debian
