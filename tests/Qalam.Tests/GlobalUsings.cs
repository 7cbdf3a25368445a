global using System.Net;
global using Qalam.Tests.Infrastructure;
